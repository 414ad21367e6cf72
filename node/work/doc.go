// Package work is the node's data-work service: it crawls the crawl tasks
// this node holds, classifies the pending records it holds, votes as a
// whitelisted validator, finalises records whose vote reached quorum, and
// keeps the points ledger those objects imply.
//
// Nothing coordinates the work. Who holds a task follows from
// tasks.Holders over the live workers (signed presence announcements), so
// every node computes the same assignment; a task whose holder falls
// silent moves to the next one when its lease runs out. Results, votes and
// gold objects are gossiped and reconciled by the results-sync protocol,
// and the ledger is derived from what a node holds, never gossiped: nodes
// that hold the same signed objects compute the same balances and epoch
// roots, whatever the arrival order.
//
// The service knows the record store, the network and the record
// replication only through the interfaces in deps.go; package node wires
// them.
package work
