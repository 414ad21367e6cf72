// Package points will own the event-sourced, order-independent ledger of
// contributions, its scoring rules, the leaderboard and the epoch snapshots
// whose Merkle roots are anchored on chain.
//
// Not built yet: see issue 3. This package holds no code until then.
package points
