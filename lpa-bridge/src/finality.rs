//! Reads the device checks for itself, against GRANDPA finality, so that an RPC node cannot
//! make it act on state the validators never finalised. That matters most for the activation
//! code: anyone can seal a code to a device's public key, so a lying node could hand the
//! device a code that downloads from an SM-DP+ of its choosing.
//!
//! The root of trust is the raw chain spec the app ships ([`TrustRoot`]): its genesis storage
//! gives the genesis hash and the first GRANDPA authority set. For a read, the bridge asks the
//! node for GRANDPA's warp sync proof from the block where it learned its authority set
//! (`gesim_warpProof`; genesis at first): for each set change since, the last block of the old
//! set, whose header names the next set, with the old set's justification; then the latest
//! block finalised, with the justification of the set then in force. Each justification is
//! checked against the set the bridge holds at that point (precommits signed for this round
//! and set, by more than two thirds of the voting weight, with an ancestry the justification
//! carries: `sc-consensus-grandpa`'s own check, the one full nodes run), so a node can neither
//! invent a set change nor skip one. The bridge keeps the set it reached for its next read,
//! takes the state root from the header of the latest finalised block, and checks the node's
//! storage proof (`state_getReadProof`) against that root.
//!
//! Not followed: a forced set change (pallet-grandpa's `note_stalled`, after a stall), which no
//! justification of the old set hands over; the node then proves nothing past it, and the app
//! needs a chain spec made after it. Nor can a proof show that the finalised head is recent: a
//! node may serve an old finalised state, which the device sees as a code that has not arrived
//! yet (the block number of every verified read is reported).

use codec::{Decode, DecodeAll};
use gesim_chain_client::{ChainError, Node};
use gesim_runtime::{opaque::Block, Header, Runtime};
use sc_consensus_grandpa::{find_scheduled_change, warp_proof::WarpSyncFragment};
use sp_consensus_grandpa::{AuthorityList, SetId};
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash, Header as _};
use std::sync::{Mutex, PoisonError};

/// Why a read could not be verified.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
	/// The node could not be reached or refused a call.
	#[error("{0}")]
	Node(#[from] ChainError),
	/// The chain spec cannot serve as the root of trust.
	#[error("chain spec: {0}")]
	ChainSpec(String),
	/// The node serves another chain than the chain spec's.
	#[error("the node serves chain {node:?}, not the chain spec's {spec:?}: refusing to read another chain")]
	OtherChain {
		/// The chain spec's genesis hash.
		spec: H256,
		/// The node's.
		node: H256,
	},
	/// The node proves no finalised block.
	#[error("the node gives no GRANDPA justification: its chain does not finalise with GRANDPA (the dev chain does not)")]
	NoJustification,
	/// A justification does not prove finality to the authority set the bridge holds.
	#[error("the node's GRANDPA justification for block {block:?} does not hold for authority set {set_id} ({reason}): do not trust this node")]
	Justification {
		/// The block it claims to finalise.
		block: H256,
		/// The authority set it was checked against.
		set_id: SetId,
		/// What is wrong.
		reason: String,
	},
	/// The node's warp sync proof is not one.
	#[error("the node's proof of GRANDPA authority set changes is malformed ({0}): do not trust this node")]
	WarpProof(String),
	/// The node's header is not the finalised block's.
	#[error(
		"the node's header for finalised block {0:?} does not hash to it: do not trust this node"
	)]
	Header(H256),
	/// The storage proof does not check against the finalised state root.
	#[error("the node's storage proof at finalised block #{number} does not check against its state root ({reason}): do not trust this node")]
	ReadProof {
		/// The finalised block.
		number: u32,
		/// What is wrong.
		reason: String,
	},
}

/// What the device trusts: the chain's genesis and the GRANDPA authority set it has reached,
/// the chain spec's or a later one it followed with proofs.
#[derive(Debug)]
pub struct TrustRoot {
	genesis: H256,
	set: Mutex<AuthoritySet>,
}

impl Clone for TrustRoot {
	fn clone(&self) -> Self {
		Self { genesis: self.genesis, set: Mutex::new(self.authority_set()) }
	}
}

/// A GRANDPA authority set, and the block whose finality handed over to it (genesis for the
/// chain spec's set).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthoritySet {
	/// Its id: 0 at genesis, one more at each change.
	pub id: SetId,
	/// Its voters and their weights.
	pub authorities: AuthorityList,
	/// The last block of the previous set (the genesis block for set 0).
	pub since: H256,
}

/// GRANDPA's warp sync proof as the node encodes it (`WarpSyncProof`, whose fields are
/// private upstream): the fragments, and whether they reach the latest finalised block.
#[derive(Decode)]
struct WarpProof {
	fragments: Vec<WarpSyncFragment<Block>>,
	is_finished: bool,
}

impl AuthoritySet {
	/// Checks `encoded` (a warp sync proof) fragment by fragment from this set; returns the
	/// set reached, the last header proved final, and whether the proof is complete.
	fn follow(&self, encoded: &[u8]) -> Result<(AuthoritySet, Option<Header>, bool), VerifyError> {
		let WarpProof { fragments, is_finished } = WarpProof::decode_all(&mut &encoded[..])
			.map_err(|e| VerifyError::WarpProof(e.to_string()))?;
		let mut set = self.clone();
		let mut latest = None;
		let count = fragments.len();
		for (i, WarpSyncFragment { header, justification }) in fragments.into_iter().enumerate() {
			let (number, block) = justification.target();
			justification.verify(set.id, &set.authorities).map_err(|e| {
				VerifyError::Justification { block, set_id: set.id, reason: e.to_string() }
			})?;
			if header.hash() != block || header.number != number {
				return Err(VerifyError::Header(block));
			}
			match find_scheduled_change::<Block>(&header) {
				Some(change) => {
					set = AuthoritySet {
						id: set.id + 1,
						authorities: change.next_authorities,
						since: block,
					}
				},
				// Only the latest finalised block, last in a complete proof, ends no set.
				None if i + 1 == count && is_finished => {},
				None => {
					return Err(VerifyError::WarpProof(format!(
						"block #{number} is given as the last of authority set {} but names no next set",
						set.id
					)))
				},
			}
			latest = Some(header);
		}
		Ok((set, latest, is_finished))
	}
}

impl TrustRoot {
	/// The trust root in a raw chain spec (`gesim-node export-chain-spec --raw`): the genesis
	/// hash computed from its genesis storage, and the GRANDPA authorities stored there.
	pub fn from_chain_spec(json: &[u8]) -> Result<Self, VerifyError> {
		let bad = |reason: &str| VerifyError::ChainSpec(reason.into());
		let spec: serde_json::Value = serde_json::from_slice(json)
			.map_err(|e| VerifyError::ChainSpec(format!("not JSON: {e}")))?;
		let raw = &spec["genesis"]["raw"];
		let top = raw["top"].as_object().ok_or_else(|| {
			bad("no genesis.raw.top: give the raw chain spec (`gesim-node export-chain-spec --raw`)")
		})?;
		if raw["childrenDefault"].as_object().is_some_and(|children| !children.is_empty()) {
			return Err(bad("genesis child tries are not supported"));
		}
		let hex = |text: &str| {
			hex::decode(text.trim_start_matches("0x"))
				.map_err(|e| bad(&format!("`{text:.20}` is not hex: {e}")))
		};
		let storage = top
			.iter()
			.map(|(key, value)| {
				Ok((
					hex(key)?,
					hex(value.as_str().ok_or_else(|| bad("a storage value is not a string"))?)?,
				))
			})
			.collect::<Result<Vec<_>, VerifyError>>()?;

		// The two values wanted, decoded before the storage (the runtime's code among it) moves
		// into the trie root uncopied.
		fn value<T: DecodeAll>(
			storage: &[(Vec<u8>, Vec<u8>)],
			key: [u8; 32],
			what: &str,
		) -> Result<Option<T>, VerifyError> {
			storage
				.iter()
				.find(|(k, _)| k[..] == key[..])
				.map(|(_, value)| T::decode_all(&mut &value[..]))
				.transpose()
				.map_err(|e| {
					VerifyError::ChainSpec(format!("the GRANDPA {what} does not decode: {e}"))
				})
		}
		let authorities: AuthorityList =
			value(&storage, pallet_grandpa::Authorities::<Runtime>::hashed_key(), "authorities")?
				.unwrap_or_default();
		if authorities.is_empty() {
			return Err(bad("no GRANDPA authorities at genesis"));
		}
		let set_id: SetId =
			value(&storage, pallet_grandpa::CurrentSetId::<Runtime>::hashed_key(), "set id")?
				.unwrap_or_default();

		// As the node builds its genesis block (`sc_chain_spec::construct_genesis_block`).
		let state_version = gesim_runtime::VERSION.state_version();
		let state_root = BlakeTwo256::trie_root(storage, state_version);
		let extrinsics_root = BlakeTwo256::trie_root(Vec::new(), state_version);
		let genesis =
			Header::new(0, extrinsics_root, state_root, H256::zero(), Default::default()).hash();
		let set = AuthoritySet { id: set_id, authorities, since: genesis };
		Ok(Self { genesis, set: Mutex::new(set) })
	}

	/// Whether `node` serves the chain this root is for.
	pub fn serves(&self, node: &Node) -> Result<(), VerifyError> {
		if node.genesis_hash() != self.genesis {
			return Err(VerifyError::OtherChain { spec: self.genesis, node: node.genesis_hash() });
		}
		Ok(())
	}

	/// The authority set the bridge holds now.
	pub fn authority_set(&self) -> AuthoritySet {
		self.set.lock().unwrap_or_else(PoisonError::into_inner).clone()
	}

	/// The latest block the node finalised, proved from the authority set the bridge holds
	/// through every set change since (the set reached is kept).
	pub async fn finalized(&self, node: &Node) -> Result<Finalized, VerifyError> {
		self.serves(node)?;
		let mut set = self.authority_set();
		let latest = loop {
			let proof = node.warp_proof(set.since).await?.ok_or(VerifyError::NoJustification)?;
			let (reached, latest, finished) = set.follow(&proof)?;
			// A proof cut short by its size limit ends at a set change: ask again from there.
			if finished || reached.id == set.id {
				set = reached;
				break latest.ok_or(VerifyError::NoJustification)?;
			}
			set = reached;
		};
		*self.set.lock().unwrap_or_else(PoisonError::into_inner) = set;
		Ok(Finalized { number: latest.number, hash: latest.hash(), state_root: latest.state_root })
	}
}

/// A finalised block whose state root the bridge verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Finalized {
	/// Its number.
	pub number: u32,
	/// Its hash.
	pub hash: H256,
	state_root: H256,
}

impl Finalized {
	/// The value under `key` in this block's state, from the node's storage proof.
	pub async fn read(&self, node: &Node, key: Vec<u8>) -> Result<Option<Vec<u8>>, VerifyError> {
		let keys = [key];
		let nodes = node.read_proof(&keys, self.hash).await?;
		self.check(nodes, &keys[0])
	}

	/// The value under `key` that the proof `nodes` shows in this block's state.
	fn check(&self, nodes: Vec<Vec<u8>>, key: &[u8]) -> Result<Option<Vec<u8>>, VerifyError> {
		let mut values = sp_state_machine::read_proof_check::<BlakeTwo256, _>(
			self.state_root,
			sp_state_machine::StorageProof::new(nodes),
			[key],
		)
		.map_err(|e| VerifyError::ReadProof { number: self.number, reason: e.to_string() })?;
		Ok(values.remove(key).flatten())
	}
}

#[cfg(test)]
mod tests {
	//! Real Ed25519 precommits and real tries: justifications and storage proofs made as the
	//! node makes them, then altered the ways a lying node could alter them.
	use super::*;
	use codec::{Compact, Encode};
	use sp_consensus_grandpa::{
		AuthorityId, AuthoritySignature, ConsensusLog, ScheduledChange, GRANDPA_ENGINE_ID,
	};
	use sp_keyring::Ed25519Keyring;
	use sp_runtime::DigestItem;

	const ROUND: u64 = 7;

	/// Voters of weight 1.
	fn voters(keys: &[Ed25519Keyring]) -> AuthorityList {
		keys.iter().map(|k| (AuthorityId::from(k.public()), 1)).collect()
	}

	/// Four authorities of weight 1, set 0: more than two thirds means three.
	fn set0() -> AuthoritySet {
		AuthoritySet { id: 0, authorities: voters(&[Alice, Bob, Charlie, Dave]), since: GENESIS }
	}

	const GENESIS: H256 = H256::repeat_byte(1);

	fn header(number: u32, parent: H256) -> Header {
		Header::new(number, H256::repeat_byte(2), H256::repeat_byte(3), parent, Default::default())
	}

	/// Block `number` naming `next` as the next authority set, as pallet-grandpa's session
	/// change does (a standard change, enacted at once).
	fn change(number: u32, parent: H256, next: &[Ed25519Keyring]) -> Header {
		let mut header = header(number, parent);
		let log = ConsensusLog::ScheduledChange(ScheduledChange {
			next_authorities: voters(next),
			delay: 0u32,
		});
		header.digest.push(DigestItem::Consensus(GRANDPA_ENGINE_ID, log.encode()));
		header
	}

	/// A justification of `target`, its precommits signed by `signers` for `set_id`.
	fn justification(target: &Header, signers: &[Ed25519Keyring], set_id: SetId) -> Vec<u8> {
		let precommit = finality_grandpa::Precommit {
			target_hash: target.hash(),
			target_number: target.number,
		};
		let precommits = signers
			.iter()
			.map(|signer| {
				let payload = sp_consensus_grandpa::localized_payload(
					ROUND,
					set_id,
					&finality_grandpa::Message::Precommit(precommit.clone()),
				);
				finality_grandpa::SignedPrecommit {
					precommit: precommit.clone(),
					signature: AuthoritySignature::from(signer.sign(&payload)),
					id: AuthorityId::from(signer.public()),
				}
			})
			.collect();
		let commit = finality_grandpa::Commit {
			target_hash: target.hash(),
			target_number: target.number,
			precommits,
		};
		sp_consensus_grandpa::GrandpaJustification::<Header> {
			round: ROUND,
			commit,
			votes_ancestries: Vec::new(),
		}
		.encode()
	}

	/// A warp sync proof of `fragments` (a header and a justification each), encoded as the
	/// node encodes it.
	fn warp(fragments: &[(&Header, Vec<u8>)], finished: bool) -> Vec<u8> {
		let mut proof = Compact(fragments.len() as u32).encode();
		for (header, justification) in fragments {
			proof.extend(header.encode());
			proof.extend(justification);
		}
		proof.push(finished as u8);
		proof
	}

	/// The latest block a proof of one justification shows final, from set 0.
	fn latest(justification: Vec<u8>, target: &Header) -> Result<(u32, H256), VerifyError> {
		let (set, latest, finished) = set0().follow(&warp(&[(target, justification)], true))?;
		assert_eq!((set, finished), (set0(), true));
		let latest = latest.unwrap();
		Ok((latest.number, latest.hash()))
	}

	use Ed25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};

	#[test]
	fn a_justification_by_two_thirds_of_the_set_finalises_its_block() {
		let target = header(12, H256::repeat_byte(9));
		let by = |signers| latest(justification(&target, signers, 0), &target);
		assert_eq!(by(&[Alice, Bob, Charlie]).unwrap(), (12, target.hash()));
		assert_eq!(by(&[Alice, Bob, Charlie, Dave]).unwrap(), (12, target.hash()));
	}

	#[test]
	fn a_justification_short_of_two_thirds_is_refused() {
		let target = header(12, H256::repeat_byte(9));
		let refused = latest(justification(&target, &[Alice, Bob], 0), &target).unwrap_err();
		assert!(
			matches!(&refused, VerifyError::Justification { reason, .. } if reason.contains("invalid commit")),
			"{refused}"
		);
	}

	#[test]
	fn votes_from_outside_the_set_do_not_count() {
		let target = header(12, H256::repeat_byte(9));
		let refused = latest(justification(&target, &[Alice, Bob, Eve], 0), &target).unwrap_err();
		assert!(matches!(refused, VerifyError::Justification { .. }), "{refused}");
	}

	#[test]
	fn signatures_for_another_set_are_refused() {
		let target = header(12, H256::repeat_byte(9));
		let refused =
			latest(justification(&target, &[Alice, Bob, Charlie], 1), &target).unwrap_err();
		assert!(
			matches!(&refused, VerifyError::Justification { reason, .. } if reason.contains("signature")),
			"{refused}"
		);
	}

	#[test]
	fn a_tampered_signature_is_refused() {
		let target = header(12, H256::repeat_byte(9));
		let mut justification = sp_consensus_grandpa::GrandpaJustification::<Header>::decode(
			&mut &self::justification(&target, &[Alice, Bob, Charlie], 0)[..],
		)
		.unwrap();
		let mut signature: [u8; 64] =
			AsRef::<[u8]>::as_ref(&justification.commit.precommits[1].signature)
				.try_into()
				.unwrap();
		signature[10] ^= 1;
		justification.commit.precommits[1].signature =
			AuthoritySignature::from(sp_core::ed25519::Signature::from_raw(signature));
		let refused = latest(justification.encode(), &target).unwrap_err();
		assert!(
			matches!(&refused, VerifyError::Justification { reason, .. } if reason.contains("signature")),
			"{refused}"
		);
	}

	#[test]
	fn a_header_other_than_the_justified_block_is_refused() {
		let target = header(12, H256::repeat_byte(9));
		let other = header(12, H256::repeat_byte(8));
		let refused = latest(justification(&target, &[Alice, Bob, Charlie], 0), &other);
		assert!(matches!(refused, Err(VerifyError::Header(block)) if block == target.hash()));
	}

	#[test]
	fn set_changes_are_followed_to_the_latest_finalised_block() {
		let next = [Charlie, Dave, Eve, Ferdie];
		let last_of_0 = change(10, H256::repeat_byte(9), &next);
		let last_of_1 = change(20, H256::repeat_byte(7), &[Eve, Ferdie]);
		let head = header(25, H256::repeat_byte(6));
		let proof = warp(
			&[
				(&last_of_0, justification(&last_of_0, &[Alice, Bob, Dave], 0)),
				(&last_of_1, justification(&last_of_1, &[Charlie, Dave, Eve], 1)),
				(&head, justification(&head, &[Eve, Ferdie], 2)),
			],
			true,
		);
		let (set, latest, finished) = set0().follow(&proof).unwrap();
		assert_eq!(
			set,
			AuthoritySet { id: 2, authorities: voters(&[Eve, Ferdie]), since: last_of_1.hash() }
		);
		assert_eq!((latest.unwrap().hash(), finished), (head.hash(), true));

		// The latest justification may be the change block's own (signed by the old set).
		let proof = warp(&[(&last_of_0, justification(&last_of_0, &[Alice, Bob, Dave], 0))], true);
		let (set, latest, _) = set0().follow(&proof).unwrap();
		assert_eq!((set.id, set.since, latest.unwrap().number), (1, last_of_0.hash(), 10));
	}

	#[test]
	fn a_node_can_neither_skip_nor_invent_a_set_change() {
		let last_of_0 = change(10, H256::repeat_byte(9), &[Dave, Eve, Ferdie]);
		let head = header(15, H256::repeat_byte(6));
		let by_next = justification(&head, &[Dave, Eve, Ferdie], 1);
		// The next set's justification without the change that seats it.
		let skipped = set0().follow(&warp(&[(&head, by_next.clone())], true)).unwrap_err();
		assert!(matches!(skipped, VerifyError::Justification { set_id: 0, .. }), "{skipped}");
		// A change signed by the set it seats.
		let invented = warp(
			&[(&last_of_0, justification(&last_of_0, &[Dave, Eve, Ferdie], 0)), (&head, by_next)],
			true,
		);
		assert!(matches!(
			set0().follow(&invented).unwrap_err(),
			VerifyError::Justification { set_id: 0, .. }
		));
		// A block given as the end of a set that names no next set.
		let plain = header(10, H256::repeat_byte(9));
		let unnamed = warp(
			&[
				(&plain, justification(&plain, &[Alice, Bob, Charlie], 0)),
				(&head, justification(&head, &[Alice, Bob, Charlie], 0)),
			],
			true,
		);
		assert!(
			matches!(set0().follow(&unnamed).unwrap_err(), VerifyError::WarpProof(r) if r.contains("names no next set"))
		);
		let unfinished = warp(&[(&plain, justification(&plain, &[Alice, Bob, Charlie], 0))], false);
		assert!(matches!(set0().follow(&unfinished).unwrap_err(), VerifyError::WarpProof(_)));
		// Not a proof at all, or one with bytes to spare.
		assert!(matches!(set0().follow(b"LPA:1$").unwrap_err(), VerifyError::WarpProof(_)));
		let mut trailing = warp(&[], true);
		trailing.push(0);
		assert!(matches!(set0().follow(&trailing).unwrap_err(), VerifyError::WarpProof(_)));
	}

	/// A state with two values, its root, and a proof of `key` in it.
	fn state(key: &[u8]) -> (Finalized, Vec<Vec<u8>>) {
		use sp_state_machine::InMemoryBackend;
		let backend = InMemoryBackend::<BlakeTwo256>::from((
			vec![(
				None,
				vec![
					(b"order-1".to_vec(), Some(b"sealed code".to_vec())),
					(b"order-2".to_vec(), Some(b"other".to_vec())),
				],
			)],
			gesim_runtime::VERSION.state_version(),
		));
		let root = *backend.root();
		let proof = sp_state_machine::prove_read(backend, [key]).unwrap();
		(
			Finalized { number: 5, hash: H256::repeat_byte(4), state_root: root },
			proof.into_iter_nodes().collect(),
		)
	}

	#[test]
	fn a_storage_proof_shows_the_value_or_its_absence() {
		let (block, nodes) = state(b"order-1");
		assert_eq!(block.check(nodes, b"order-1").unwrap(), Some(b"sealed code".to_vec()));
		let (block, nodes) = state(b"order-3");
		assert_eq!(block.check(nodes, b"order-3").unwrap(), None);
	}

	#[test]
	fn a_storage_proof_for_another_root_or_missing_its_nodes_is_refused() {
		let (block, nodes) = state(b"order-1");
		let elsewhere = Finalized { state_root: H256::repeat_byte(5), ..block };
		assert!(matches!(
			elsewhere.check(nodes.clone(), b"order-1").unwrap_err(),
			VerifyError::ReadProof { number: 5, .. }
		));
		// A node that swaps a trie node for another's cannot make the proof check.
		let mut altered = nodes.clone();
		let last = altered.last_mut().unwrap();
		*last.last_mut().unwrap() ^= 1;
		assert!(matches!(
			block.check(altered, b"order-1").unwrap_err(),
			VerifyError::ReadProof { .. }
		));
		assert!(matches!(
			block.check(Vec::new(), b"order-1").unwrap_err(),
			VerifyError::ReadProof { .. }
		));
	}

	#[test]
	fn a_chain_spec_without_raw_genesis_or_grandpa_is_refused() {
		let plain = br#"{"name":"x","genesis":{"runtimeGenesis":{"patch":{}}}}"#;
		assert!(
			matches!(TrustRoot::from_chain_spec(plain).unwrap_err(), VerifyError::ChainSpec(r) if r.contains("raw"))
		);
		let empty = br#"{"genesis":{"raw":{"top":{"0x3a636f6465":"0x00"},"childrenDefault":{}}}}"#;
		assert!(
			matches!(TrustRoot::from_chain_spec(empty).unwrap_err(), VerifyError::ChainSpec(r) if r.contains("GRANDPA"))
		);
		assert!(
			matches!(TrustRoot::from_chain_spec(b"LPA:1$").unwrap_err(), VerifyError::ChainSpec(r) if r.contains("JSON"))
		);
	}
}
