// A bounded load generator for the testnet: pre-funded senders, each bound to one node, keep a
// few transactions in flight and record every one the node's pool accepted, so a test can
// check afterwards that each was included exactly once. It stops at a deadline or a count,
// whichever comes first; a sender whose node goes away stops with it.
import { sleep } from './lib.mjs';

/**
 * Starts `senders` ([{ pair, api, label }]) sending what `nextCall(sender, i)` builds (its
 * i-th transaction), at most `inFlight` each beyond their on-chain nonce, until `stop()`,
 * `seconds` or `maxTransactions` in all. Transactions are immortal: one the pool accepted
 * cannot expire while a node restarts.
 *
 * Returns `{ stop, senders }`; `stop()` resolves once every sender has stopped. Each sender
 * record gets `accepted` ([{ hash, nonce, what }]), `refused` ([{ nonce, error }]) and, if
 * its node failed it, `lost` (the error: the sender did not keep running).
 */
export function startLoad({ senders, nextCall, inFlight = 4, seconds, maxTransactions }) {
  const deadline = Date.now() + seconds * 1000;
  let total = 0;
  let stopped = false;
  const going = () => !stopped && Date.now() < deadline && total < maxTransactions;

  const run = async (sender) => {
    Object.assign(sender, { accepted: [], refused: [], lost: null });
    const { api, pair } = sender;
    let next = (await api.rpc.system.accountNextIndex(pair.address)).toNumber();
    sender.firstNonce = next;
    try {
      while (going()) {
        const onChain = (await api.query.system.account(pair.address)).nonce.toNumber();
        while (going() && next - onChain < inFlight) {
          const { call, what } = nextCall(sender, next - sender.firstNonce);
          const signed = await call.signAsync(pair, { nonce: next, era: 0 });
          try {
            const hash = await api.rpc.author.submitExtrinsic(signed);
            sender.accepted.push({ hash: hash.toHex(), nonce: next, what });
            next += 1;
            total += 1;
          } catch (error) {
            if (!api.isConnected) throw error;
            // Refused by the pool (e.g. a stale view of the nonce): not accepted, try again.
            sender.refused.push({ nonce: next, error: error.message });
            break;
          }
        }
        await sleep(500);
      }
    } catch (error) {
      sender.lost = error.message ?? String(error);
    }
    sender.nextNonce = next;
  };

  const running = Promise.all(senders.map(run));
  return {
    senders,
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}

/**
 * Every extrinsic of the chain `api` follows from block `from` to `to` (inclusive), by block:
 * [{ number, hash, moment, signed: [hash…] }], where `moment` is the block's timestamp (ms).
 */
export async function blocksBetween(api, from, to) {
  const blocks = [];
  for (let number = from; number <= to; number += 1) {
    const hash = await api.rpc.chain.getBlockHash(number);
    const { block } = await api.rpc.chain.getBlock(hash);
    const timestamp = block.extrinsics.find((ex) => ex.method.section === 'timestamp');
    blocks.push({
      number,
      hash: hash.toHex(),
      moment: timestamp ? Number(timestamp.method.args[0].toString()) : null,
      signed: block.extrinsics.filter((ex) => ex.isSigned).map((ex) => ex.hash.toHex()),
    });
  }
  return blocks;
}
