// Package tasks will own the data tasks that community nodes do: crawl,
// classify and validate, their assignment by rendezvous hashing, leases,
// quorum and gold tasks, plus the crawler (tasks/crawl) and the classifier
// (tasks/classify).
//
// Not built yet: see issue 3. This package holds no code until then.
package tasks
