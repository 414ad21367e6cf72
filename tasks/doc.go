// Package tasks owns the data work that community nodes do on Datanet
// records: crawl, classify and validate. It holds the task and result
// types with their canonical encoding and signatures, assignment by
// rendezvous hashing with leases, the validator quorum that makes a record
// final, and gold tasks. The crawler lives in tasks/crawl and the
// classifier in tasks/classify. Nothing here moves bytes: package node
// gossips tasks and results and runs the workers.
//
// # Tasks
//
// A crawl task is issued by a Datanet's owner (provenet datanet seed) and
// signed. Classify and validate tasks are derived: every node that holds a
// pending record derives the same two tasks from the record's CID, so they
// need no issuer and no gossip. A task's ID is the keccak256 of its
// canonical encoding.
//
// # Assignment
//
// Each task goes to R workers chosen by rendezvous (highest-random-weight)
// hashing of the task ID with each live worker's address, so every node
// computes the same assignment without a coordinator. A lease lasts
// LeaseDuration; when it runs out without a result the task moves to the
// next worker in the rendezvous order, so work is never duplicated beyond
// R at a time.
//
// # Quorum and gold
//
// A vote is exactly one of an accept with a label from the schema (a plain
// accept in a Datanet without labels) and a reject without a label
// (Verdict.Check, Result.ValidateSchema; ErrVerdict otherwise). A record is
// final when Quorum whitelisted validators' current votes agree on the same
// verdict. Votes are taken in vote order (time, then validator, then ID),
// whatever order they arrived in; a validator's vote replaces its earlier
// one until the record is final, and a vote after that is late: it changes
// nothing, and CheckVote refuses to cast it (ErrFinal). Votes of addresses
// outside the whitelist are ignored however many there are. Gold records are committed
// by the owner as opaque hashes and revealed only after the record is
// final, so workers cannot tell them apart from normal tasks.
package tasks
