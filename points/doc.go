// Package points is the event-sourced, order-independent ledger of
// contributions: it turns signed work (record submissions, classify and
// validate answers, record outcomes) into integer points per address and
// epoch, ranks contributors, and commits each epoch's cumulative totals to
// a Merkle root that a contract can check claims against.
//
// # Model
//
// The only input is Event, a reduction of one signed object identified by
// its hash (Event.ID). The ledger keeps the set of events; every output is
// a pure function of that set. Two nodes that hold the same events, received
// in any order, compute byte-identical balances, leaderboards and snapshot
// roots. They reconcile by comparing per-epoch digests (Ledger.Epochs,
// Ledger.Digest) and exchanging the events one side lacks (Ledger.IDs,
// Ledger.Missing, Ledger.Unknown).
//
// Events are grouped by record (Datanet, Record). A record is scored as a
// whole, from all of its events, once its outcome is known; until then its
// events earn nothing ("only verifiable work is scored"). The rules, with
// every constant, are in rules.go. In short: the original submitter of a
// golden record earns points, duplicates and spam cost points; answers that
// agree with the outcome earn a role base times the record's difficulty
// (how contested it was among validators); answers against a strong
// consensus are penalised; gold records test workers and feed their gold
// accuracy.
//
// Scoring is integer-only. Each record's credits (address, epoch, points)
// are added to per-address, per-epoch sums; a record that gains an event is
// rescored and the difference applied. Sums commute, which gives order
// independence, and Add stays O(1): records are rescored lazily, on the
// next query.
//
// # Epochs and snapshots
//
// Every credit lands in an epoch no earlier than any event it depends on
// (an answer's points land in its outcome's epoch), so the totals up to
// epoch E depend only on events of epochs <= E: once those are all known,
// Snapshot(E) is final. Snapshot(E) lists each address's cumulative points
// up to E, clamped at 0, as OpenZeppelin StandardMerkleTree leaves
// (address, uint256 epoch, uint256 cumulativePoints); see package merkle.
//
// # Trust
//
// The ledger checks event shape, not signatures, whitelists or quorums:
// package tasks verifies those before building events. Role is trusted as
// given; outcomes are inputs, so sybil classifiers cannot change them, and
// rules.go keeps classifiers from moving difficulty or consensus whenever
// validators answered.
//
// The package must not import p2p, chain, node or gpu (deps_test.go).
package points
