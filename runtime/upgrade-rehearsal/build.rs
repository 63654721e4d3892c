fn main() {
	#[cfg(feature = "std")]
	{
		// The wasm builder compiles this runtime in a target directory of its own, so every
		// dependency once more: without LTO and at opt-level 1 that stays short (161 s cold,
		// docs/PERFORMANCE.md). It runs the same code, slower, which a rehearsal can afford.
		// (Cargo takes these over the generated project's profile; they reach only this build.)
		std::env::set_var("CARGO_PROFILE_RELEASE_LTO", "off");
		std::env::set_var("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1");
		// Compact and compress it as a release build would (the builder decides by the outer
		// profile): 6.4 MB of plain wasm is more than the block author puts in a block (4 MiB).
		std::env::set_var("WASM_BUILD_TYPE", "release");
		substrate_wasm_builder::WasmBuilder::init_with_defaults()
			.enable_feature("rehearsal")
			.build();
	}
}
