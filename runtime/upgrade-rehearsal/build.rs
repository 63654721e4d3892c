fn main() {
	#[cfg(feature = "std")]
	{
		// The wasm builder compiles this runtime in a target directory of its own, so every
		// dependency once more: without LTO and at opt-level 1 that costs a cold build minutes
		// less. It runs the same code, somewhat slower, which an upgrade rehearsal can afford.
		// (Cargo takes these over the generated project's profile; they reach only this build.)
		std::env::set_var("CARGO_PROFILE_RELEASE_LTO", "off");
		std::env::set_var("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1");
		// Compact and compress it as a release build would (the builder decides by the outer
		// profile): 6 MB of plain wasm would not fit in a block's 5 MB.
		std::env::set_var("WASM_BUILD_TYPE", "release");
		substrate_wasm_builder::WasmBuilder::init_with_defaults()
			.enable_feature("rehearsal")
			.build();
	}
}
