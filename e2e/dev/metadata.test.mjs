// The runtime a wallet sees: metadata V16, the pallets, no sudo, the stablecoin.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect, STABLECOIN } from '../lib.mjs';

const api = await connect();
after(() => api.disconnect());

test('metadata is V16 and lists the pallets, without sudo', async () => {
  const versions = (await api.call.metadata.metadataVersions()).map((v) => v.toNumber());
  assert.ok(versions.includes(16), `metadata versions ${versions}`);
  assert.equal(api.runtimeMetadata.version, 16);

  const pallets = api.runtimeMetadata.asLatest.pallets.map((p) => p.name.toString());
  for (const name of ['System', 'Timestamp', 'Aura', 'Grandpa', 'Balances', 'TransactionPayment',
    'AssetTxPayment', 'Assets', 'Nfts', 'Council', 'Governance']) {
    assert.ok(pallets.includes(name), `${name} missing from ${pallets}`);
  }
  assert.ok(!pallets.includes('Sudo'));
  assert.equal(api.runtimeVersion.specName.toString(), 'gesim');
});

test('the stablecoin exists at genesis with 6 decimals', async () => {
  const metadata = await api.query.assets.metadata(STABLECOIN);
  assert.equal(metadata.decimals.toNumber(), 6);
  assert.equal(metadata.symbol.toUtf8(), 'GUSD');
  const details = (await api.query.assets.asset(STABLECOIN)).unwrap();
  assert.equal(details.isSufficient.isTrue, true);
});

test('chain properties name the native token', async () => {
  const properties = await api.rpc.system.properties();
  assert.equal(properties.tokenSymbol.unwrap()[0].toString(), 'GSIM');
  assert.equal(properties.tokenDecimals.unwrap()[0].toNumber(), 12);
});
