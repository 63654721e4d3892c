pragma circom 2.1.0;

// The EID-possession statement written in circom, with the same public inputs as
// gesim-zk's EidPossessionCircuit: [commitment, account_hi, account_lo]. Used to produce
// snarkjs test vectors that the GeSIM verifier must accept.
include "circomlib/circuits/poseidon.circom";

template EidPossession() {
    signal input eid;
    signal input salt;
    signal input account_hi;
    signal input account_lo;
    signal output commitment;

    component h = Poseidon(2);
    h.inputs[0] <== eid;
    h.inputs[1] <== salt;
    commitment <== h.out;

    // Keep the account inside a constraint so the proof is bound to it.
    signal hi_sq;
    signal lo_sq;
    hi_sq <== account_hi * account_hi;
    lo_sq <== account_lo * account_lo;
}

component main {public [account_hi, account_lo]} = EidPossession();
