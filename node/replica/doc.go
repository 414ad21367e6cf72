// Package replica keeps a node's Datanet definitions and records in step
// with its peers: the datanet and record gossip topics with their
// validators, the orphan pool for records that overtake their datanet,
// catch-up sync of peers' replication logs, and the local create and
// submit paths that sign, store and gossip.
//
// It knows the datanet domain package and the p2p transport through the
// small interfaces in deps.go, and nothing of the other node services:
// extra submissions of stored content go to the Submissions the work
// service implements, and each catch-up pull ends with the PeerPuller hook
// (the work service's result sync).
package replica
