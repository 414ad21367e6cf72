// Package node wires the domain packages (datanet, and later tasks, points,
// gpu, attribution) to the transport (p2p) and the chain, and owns the node's
// lifecycle, configuration, home directory, HTTP API, metrics and the local
// devnet launcher.
//
// Start brings services up in order and rolls back a partial start; Stop
// brings them down in reverse. Nothing here holds domain logic: gossip
// validators and the catch-up sync protocol only decode, check with the
// domain package and store.
package node
