//! The operator's own profile inventory: which ICCIDs it may order from its SM-DP+, and which
//! order each one went to.
//!
//! The file is a JSON list of `{"iccid", "profileType"}` (the simulator's inventory format), to
//! which the gateway adds, per entry, `"order"` (the order the profile is taken by), `"retired"`
//! (why it is never handed out again) and `"settled"` (the order reached a profile on a device:
//! nothing more to reconcile). Other fields are kept as they are.
//!
//! It is the gateway's write-ahead log: an ICCID is recorded as taken by an order **before**
//! `downloadOrder` names it, and every change replaces the file atomically (temporary file,
//! fsync, rename, fsync of the directory). After a crash, the order finds its ICCID again and
//! the repeated `downloadOrder` collides at the SM-DP+ instead of reserving a second profile.

use gesim_esim_protocol::Iccid;
use gesim_primitives::OrderId;
use serde::{Deserialize, Serialize};
use std::{
	collections::HashSet,
	io::Write,
	path::{Path, PathBuf},
	sync::Mutex,
};

/// Why the inventory cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum InventoryError {
	/// The file cannot be read or written.
	#[error("inventory {}: {source}", file.display())]
	Io {
		/// The file.
		file: PathBuf,
		/// The OS error.
		source: std::io::Error,
	},
	/// The file is not a list of profiles.
	#[error("inventory {}: {reason}", file.display())]
	Malformed {
		/// The file.
		file: PathBuf,
		/// What is wrong.
		reason: String,
	},
}

/// One profile of the inventory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InventoryEntry {
	/// Its ICCID (written back as plain digits, as operators list them).
	#[serde(serialize_with = "digits")]
	pub iccid: Iccid,
	/// Its profile type, as the SM-DP+ knows it.
	pub profile_type: String,
	/// The order it is taken by.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub order: Option<OrderId>,
	/// Why it is never handed out again (the SM-DP+ refused it, or would not take it back).
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub retired: Option<String>,
	/// Its order reached the device (installed or later): nothing left to reconcile.
	#[serde(default, skip_serializing_if = "std::ops::Not::not")]
	pub settled: bool,
	/// Fields the gateway does not use, kept for the operator.
	#[serde(flatten)]
	pub extra: serde_json::Map<String, serde_json::Value>,
}

fn digits<S: serde::Serializer>(iccid: &Iccid, s: S) -> Result<S::Ok, S::Error> {
	s.serialize_str(iccid.digits())
}

impl InventoryEntry {
	/// Whether it can be handed to a new order.
	pub fn is_free(&self) -> bool {
		self.order.is_none() && self.retired.is_none()
	}
}

/// How the inventory stands, for metrics and `--check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct InventoryCounts {
	/// Profiles that can be handed out.
	pub free: usize,
	/// Profiles taken by an order.
	pub taken: usize,
	/// Profiles never handed out again.
	pub retired: usize,
}

/// The inventory file and its contents.
pub struct Inventory {
	path: PathBuf,
	entries: Mutex<Vec<InventoryEntry>>,
}

impl Inventory {
	/// Reads the inventory; refuses duplicate ICCIDs and an order holding two live profiles.
	pub fn open(path: &Path) -> Result<Self, InventoryError> {
		let io = |source| InventoryError::Io { file: path.to_owned(), source };
		let malformed =
			|reason: String| InventoryError::Malformed { file: path.to_owned(), reason };
		let text = std::fs::read_to_string(path).map_err(io)?;
		let entries: Vec<InventoryEntry> =
			serde_json::from_str(&text).map_err(|e| malformed(e.to_string()))?;
		let mut iccids = HashSet::new();
		let mut orders = HashSet::new();
		for entry in &entries {
			if !iccids.insert(entry.iccid.clone()) {
				return Err(malformed(format!("ICCID {} is listed twice", entry.iccid)));
			}
			if let (Some(order), None) = (entry.order, &entry.retired) {
				if !orders.insert(order) {
					return Err(malformed(format!("order {order} holds two profiles")));
				}
			}
		}
		Ok(Self { path: path.to_owned(), entries: Mutex::new(entries) })
	}

	/// The file.
	pub fn path(&self) -> &Path {
		&self.path
	}

	fn entries(&self) -> std::sync::MutexGuard<'_, Vec<InventoryEntry>> {
		self.entries.lock().expect("no panics while the inventory is locked; qed")
	}

	/// Applies `change` to a copy, writes the copy, then keeps it: memory never runs ahead of
	/// the file.
	fn update<T>(
		&self,
		change: impl FnOnce(&mut Vec<InventoryEntry>) -> T,
	) -> Result<T, InventoryError> {
		let mut entries = self.entries();
		let mut next = entries.clone();
		let out = change(&mut next);
		if next != *entries {
			let text =
				serde_json::to_vec_pretty(&next).expect("inventory entries always serialize; qed");
			write_atomically(&self.path, &text)
				.map_err(|source| InventoryError::Io { file: self.path.clone(), source })?;
			*entries = next;
		}
		Ok(out)
	}

	/// The profile `order` holds: its live one, else a retired one.
	pub fn held_by(&self, order: OrderId) -> Option<InventoryEntry> {
		let entries = self.entries();
		let of_order = || entries.iter().filter(|e| e.order == Some(order));
		of_order().find(|e| e.retired.is_none()).or_else(|| of_order().next()).cloned()
	}

	/// The order holding `iccid`, if any.
	pub fn order_of(&self, iccid: &Iccid) -> Option<OrderId> {
		self.entries().iter().find(|e| &e.iccid == iccid).and_then(|e| e.order)
	}

	/// The ICCID of `order`: the one recorded already, else the first free profile of
	/// `profile_type`, recorded (on disk) as taken by `order` before it is returned. `None`
	/// when no profile of the type is free.
	pub fn take(
		&self,
		order: OrderId,
		profile_type: &str,
	) -> Result<Option<Iccid>, InventoryError> {
		self.update(|entries| {
			if let Some(held) =
				entries.iter().find(|e| e.order == Some(order) && e.retired.is_none())
			{
				return Some(held.iccid.clone());
			}
			let free =
				entries.iter_mut().find(|e| e.is_free() && e.profile_type == profile_type)?;
			free.order = Some(order);
			Some(free.iccid.clone())
		})
	}

	/// Records `iccid`, if free, as taken by `order`: the profile the chain committed to for
	/// the order, found again after its record was lost.
	pub fn claim(&self, order: OrderId, iccid: &Iccid) -> Result<(), InventoryError> {
		self.update(|entries| {
			if let Some(entry) = entries.iter_mut().find(|e| &e.iccid == iccid && e.is_free()) {
				entry.order = Some(order);
			}
		})
	}

	/// Gives the live profile of `order` back to the pool.
	pub fn release(&self, order: OrderId) -> Result<(), InventoryError> {
		self.update(|entries| {
			for entry in
				entries.iter_mut().filter(|e| e.order == Some(order) && e.retired.is_none())
			{
				entry.order = None;
				entry.settled = false;
			}
		})
	}

	/// Retires the live profile of `order` for `reason`; it stays recorded under the order.
	pub fn retire(&self, order: OrderId, reason: &str) -> Result<(), InventoryError> {
		self.update(|entries| {
			for entry in
				entries.iter_mut().filter(|e| e.order == Some(order) && e.retired.is_none())
			{
				entry.retired = Some(reason.to_owned());
			}
		})
	}

	/// Marks the profile of `order` as on a device for good.
	pub fn settle(&self, order: OrderId) -> Result<(), InventoryError> {
		self.update(|entries| {
			for entry in entries.iter_mut().filter(|e| e.order == Some(order)) {
				entry.settled = true;
			}
		})
	}

	/// Orders holding a live profile that is not settled: what a restart must reconcile.
	pub fn unsettled_orders(&self) -> Vec<OrderId> {
		let mut orders: Vec<OrderId> = self
			.entries()
			.iter()
			.filter(|e| e.retired.is_none() && !e.settled)
			.filter_map(|e| e.order)
			.collect();
		orders.sort_unstable();
		orders.dedup();
		orders
	}

	/// Whether any profile is taken by an order.
	pub fn has_allocations(&self) -> bool {
		self.entries().iter().any(|e| e.order.is_some())
	}

	/// Free, taken and retired profiles.
	pub fn counts(&self) -> InventoryCounts {
		let mut counts = InventoryCounts::default();
		for entry in self.entries().iter() {
			match (&entry.retired, entry.order) {
				(Some(_), _) => counts.retired += 1,
				(None, Some(_)) => counts.taken += 1,
				(None, None) => counts.free += 1,
			}
		}
		counts
	}

	/// A copy of every entry.
	pub fn snapshot(&self) -> Vec<InventoryEntry> {
		self.entries().clone()
	}
}

/// Replaces `path` with `bytes` so that a crash leaves either the old or the new file: a
/// temporary file beside it, fsync, rename over, fsync of the directory (the rename itself).
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
	let dir = match path.parent() {
		Some(dir) if !dir.as_os_str().is_empty() => dir,
		_ => Path::new("."),
	};
	let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
	let temp = dir.join(format!(".{name}.tmp"));
	let mut file = std::fs::File::create(&temp)?;
	file.write_all(bytes)?;
	file.sync_all()?;
	drop(file);
	std::fs::rename(&temp, path)?;
	std::fs::File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests {
	use super::*;

	fn iccid(n: u32) -> Iccid {
		Iccid::parse(&format!("89882000000000{n:05}")).unwrap()
	}

	fn write(dir: &Path, json: serde_json::Value) -> PathBuf {
		let path = dir.join("inventory.json");
		std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
		path
	}

	fn three(dir: &Path) -> PathBuf {
		write(
			dir,
			serde_json::json!([
				{"iccid": iccid(1).to_string(), "profileType": "data", "batch": "B-7"},
				{"iccid": iccid(2).to_string(), "profileType": "voice"},
				{"iccid": iccid(3).to_string(), "profileType": "data"},
			]),
		)
	}

	#[test]
	fn take_is_written_before_it_returns_and_is_found_again_after_a_restart() {
		let dir = tempfile::tempdir().unwrap();
		let path = three(dir.path());
		let inventory = Inventory::open(&path).unwrap();
		assert_eq!(inventory.take(7, "data").unwrap(), Some(iccid(1)));
		// What a crash right now would leave: the file already names order 7.
		let reopened = Inventory::open(&path).unwrap();
		assert_eq!(reopened.take(7, "data").unwrap(), Some(iccid(1)));
		assert_eq!(reopened.order_of(&iccid(1)), Some(7));
		assert_eq!(reopened.take(8, "data").unwrap(), Some(iccid(3)));
		assert_eq!(reopened.take(9, "data").unwrap(), None);
		assert_eq!(reopened.counts(), InventoryCounts { free: 1, taken: 2, retired: 0 });
		// Unknown fields survive the rewrite, and ICCIDs stay plain digits.
		let text = std::fs::read_to_string(&path).unwrap();
		assert!(text.contains("\"batch\": \"B-7\""), "{text}");
		assert!(
			text.contains(&format!("\"{}\"", iccid(1).digits())) && !text.contains('F'),
			"{text}"
		);
	}

	#[test]
	fn released_profiles_go_back_to_the_pool_and_retired_ones_never_do() {
		let dir = tempfile::tempdir().unwrap();
		let inventory = Inventory::open(&three(dir.path())).unwrap();
		inventory.take(1, "data").unwrap();
		inventory.release(1).unwrap();
		assert_eq!(inventory.take(2, "data").unwrap(), Some(iccid(1)));
		inventory.retire(2, "8.2.1/3.9").unwrap();
		assert_eq!(inventory.held_by(2).unwrap().retired.as_deref(), Some("8.2.1/3.9"));
		assert_eq!(inventory.take(3, "data").unwrap(), Some(iccid(3)));
		assert_eq!(inventory.take(4, "data").unwrap(), None);
		let reopened = Inventory::open(inventory.path()).unwrap();
		assert_eq!(reopened.counts(), InventoryCounts { free: 1, taken: 1, retired: 1 });
	}

	#[test]
	fn settled_orders_are_left_out_of_reconciliation() {
		let dir = tempfile::tempdir().unwrap();
		let inventory = Inventory::open(&three(dir.path())).unwrap();
		inventory.take(5, "data").unwrap();
		inventory.take(6, "data").unwrap();
		inventory.settle(5).unwrap();
		assert_eq!(inventory.unsettled_orders(), vec![6]);
		assert!(inventory.has_allocations());
	}

	#[test]
	fn refuses_duplicates_and_an_order_with_two_live_profiles() {
		let dir = tempfile::tempdir().unwrap();
		let dup = write(
			dir.path(),
			serde_json::json!([
				{"iccid": iccid(1).to_string(), "profileType": "data"},
				{"iccid": iccid(1).to_string(), "profileType": "data"},
			]),
		);
		assert!(matches!(Inventory::open(&dup), Err(InventoryError::Malformed { .. })));
		let two = write(
			dir.path(),
			serde_json::json!([
				{"iccid": iccid(1).to_string(), "profileType": "data", "order": 4},
				{"iccid": iccid(2).to_string(), "profileType": "data", "order": 4},
			]),
		);
		assert!(matches!(Inventory::open(&two), Err(InventoryError::Malformed { .. })));
		let bad = write(dir.path(), serde_json::json!([{"iccid": "12", "profileType": "data"}]));
		assert!(matches!(Inventory::open(&bad), Err(InventoryError::Malformed { .. })));
	}
}
