//! Reads the device checks for itself, against GRANDPA finality, so that an RPC node cannot
//! make it act on state the validators never finalised. That matters most for the activation
//! code: anyone can seal a code to a device's public key, so a lying node could hand the
//! device a code that downloads from an SM-DP+ of its choosing.
//!
//! The root of trust is the raw chain spec the app ships ([`TrustRoot`]): its genesis storage
//! gives the genesis hash and the first GRANDPA authority set. For a read, the bridge asks the
//! node for the justification of the latest block it finalised (`gesim_justification`), checks
//! it against that authority set (precommits signed for this round and set, by
//! more than two thirds of the voting weight, with an ancestry the justification carries;
//! `sc-consensus-grandpa`'s own check, the one full nodes run), takes the state root from the
//! header the justification names, and checks the node's storage proof (`state_getReadProof`)
//! against that root.
//!
//! Not followed: a change of the authority set. The validator set is fixed at genesis today;
//! once it changes, justifications no longer check ([`VerifyError::Justification`]) until the
//! app ships a newer chain spec. Nor can a proof show that the finalised head is recent: a node
//! may serve an old finalised state, which the device sees as a code that has not arrived yet
//! (the block number of every verified read is reported).

use codec::DecodeAll;
use gesim_chain_client::{ChainError, Node};
use gesim_runtime::{opaque::Block, Header, Runtime};
use sc_consensus_grandpa::GrandpaJustification;
use sp_consensus_grandpa::{AuthorityList, SetId};
use sp_core::H256;
use sp_runtime::traits::{BlakeTwo256, Hash, Header as _};

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
	/// The node gives no justification.
	#[error("the node gives no GRANDPA justification: its chain does not finalise with GRANDPA (the dev chain does not)")]
	NoJustification,
	/// The justification does not prove finality to the authority set the bridge knows.
	#[error("the node's GRANDPA justification for block {block:?} does not hold for authority set {set_id} of the chain spec ({reason}): the node lies, or the set has changed since and the app needs a newer chain spec")]
	Justification {
		/// The block it claims to finalise.
		block: H256,
		/// The authority set it was checked against.
		set_id: SetId,
		/// What is wrong.
		reason: String,
	},
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

/// What the device trusts: the chain's genesis and the GRANDPA authority set it knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustRoot {
	genesis: H256,
	set_id: SetId,
	authorities: AuthorityList,
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
		Ok(Self { genesis, set_id, authorities })
	}

	/// Whether `node` serves the chain this root is for.
	pub fn serves(&self, node: &Node) -> Result<(), VerifyError> {
		if node.genesis_hash() != self.genesis {
			return Err(VerifyError::OtherChain { spec: self.genesis, node: node.genesis_hash() });
		}
		Ok(())
	}

	/// The latest block the node finalised, proved by a GRANDPA justification of the known
	/// authority set.
	pub async fn finalized(&self, node: &Node) -> Result<Finalized, VerifyError> {
		self.serves(node)?;
		let justification = node.justification().await?.ok_or(VerifyError::NoJustification)?;
		let (number, block) = self.justified(&justification)?;
		let header = node.header(block).await?.ok_or(VerifyError::Header(block))?;
		if header.hash() != block || header.number != number {
			return Err(VerifyError::Header(block));
		}
		Ok(Finalized { number, hash: block, state_root: header.state_root })
	}

	/// The block a SCALE-encoded justification shows finalised by the known authority set.
	fn justified(&self, encoded: &[u8]) -> Result<(u32, H256), VerifyError> {
		let justification = GrandpaJustification::<Block>::decode(encoded).map_err(|e| {
			VerifyError::Justification {
				block: H256::zero(),
				set_id: self.set_id,
				reason: e.to_string(),
			}
		})?;
		let (number, block) = justification.target();
		justification.verify(self.set_id, &self.authorities).map_err(|e| {
			VerifyError::Justification { block, set_id: self.set_id, reason: e.to_string() }
		})?;
		Ok((number, block))
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
	use codec::{Decode, Encode};
	use sp_consensus_grandpa::{AuthorityId, AuthoritySignature};
	use sp_keyring::Ed25519Keyring;

	const ROUND: u64 = 7;

	/// Four authorities of weight 1, set 0: more than two thirds means three.
	fn root() -> TrustRoot {
		let authorities = [
			Ed25519Keyring::Alice,
			Ed25519Keyring::Bob,
			Ed25519Keyring::Charlie,
			Ed25519Keyring::Dave,
		]
		.into_iter()
		.map(|k| (AuthorityId::from(k.public()), 1))
		.collect();
		TrustRoot { genesis: H256::repeat_byte(1), set_id: 0, authorities }
	}

	fn header(number: u32, parent: H256) -> Header {
		Header::new(number, H256::repeat_byte(2), H256::repeat_byte(3), parent, Default::default())
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

	use Ed25519Keyring::{Alice, Bob, Charlie, Dave, Eve};

	#[test]
	fn a_justification_by_two_thirds_of_the_set_finalises_its_block() {
		let target = header(12, H256::repeat_byte(9));
		assert_eq!(
			root().justified(&justification(&target, &[Alice, Bob, Charlie], 0)).unwrap(),
			(12, target.hash())
		);
		assert_eq!(
			root()
				.justified(&justification(&target, &[Alice, Bob, Charlie, Dave], 0))
				.unwrap(),
			(12, target.hash())
		);
	}

	#[test]
	fn a_justification_short_of_two_thirds_is_refused() {
		let target = header(12, H256::repeat_byte(9));
		let refused = root().justified(&justification(&target, &[Alice, Bob], 0)).unwrap_err();
		assert!(
			matches!(&refused, VerifyError::Justification { reason, .. } if reason.contains("invalid commit")),
			"{refused}"
		);
	}

	#[test]
	fn votes_from_outside_the_set_do_not_count() {
		let target = header(12, H256::repeat_byte(9));
		let refused = root().justified(&justification(&target, &[Alice, Bob, Eve], 0)).unwrap_err();
		assert!(matches!(refused, VerifyError::Justification { .. }), "{refused}");
	}

	#[test]
	fn signatures_for_another_set_are_refused() {
		let target = header(12, H256::repeat_byte(9));
		let refused = root()
			.justified(&justification(&target, &[Alice, Bob, Charlie], 1))
			.unwrap_err();
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
		let refused = root().justified(&justification.encode()).unwrap_err();
		assert!(
			matches!(&refused, VerifyError::Justification { reason, .. } if reason.contains("signature")),
			"{refused}"
		);
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
