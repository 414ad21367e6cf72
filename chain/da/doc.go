// Package da is provenet's data-availability layer: real EigenDA KZG blob
// commitments computed offline, a client for eigenda-proxy's REST API, a local
// dev DA server with the same API that stores blobs on disk, and batch
// framing that spreads one epoch batch over many blobs behind one manifest
// commitment.
//
// # Blobs and commitments
//
// A payload is encoded into an EigenDA blob as eigenda v0.9.2's
// api/clients/v2/coretypes.Payload.ToBlob does: a 32-byte header (version 0,
// big-endian uint32 payload length), the payload with a 0x00 byte in front of
// every 31 bytes, then, in the default evaluation form (eigenda-proxy's
// default), an inverse FFT over the next power of two symbols. The commitment
// is the G1 multi-exponentiation of the blob over EigenDA's SRS, as
// verification.GenerateBlobCommitment computes it. kzg.go re-states both on
// eigenda's light encoding packages (the API packages pull in AWS and gRPC);
// parity_test.go checks byte equality with eigenda's functions.
// The first 2^16 points of that SRS are embedded (srs/g1.point.prefix, 2 MiB;
// see srs/gen.sh), which covers blobs up to 2 MiB.
//
// # Commitment bytes
//
// The dev server answers with a commitment shaped like eigenda-proxy's. In
// the default optimism_generic mode (OP Stack alt-DA), the bytes are:
//
//	[0]      0x01  OP alt-DA generic commitment type
//	[1]      0x00  DA layer byte: EigenDA
//	[2:]     the standard-mode commitment below
//
// In standard mode (?commitment_mode=standard) the bytes are:
//
//	[0]      version: 0xD0 = provenet dev KZG commitment (VersionDevKZG);
//	         eigenda-proxy uses 0x00, 0x01, 0x02 for its certificate versions
//	[1]      polynomial form: 0x00 evaluation (IFFT applied), 0x01 coefficient
//	[2:6]    blob length in 32-byte symbols, uint32 big-endian, a power of two
//	[6:10]   payload length in bytes, uint32 big-endian
//	[10:42]  KZG commitment G1 X, 32 bytes big-endian (canonical Fp)
//	[42:74]  KZG commitment G1 Y, 32 bytes big-endian (canonical Fp)
//
// So a VersionDevKZG commitment is 74 bytes in standard mode and 76 bytes in
// optimism_generic mode. Everything a reader needs to verify a payload is in
// it: re-encode the payload, recompute the commitment, compare. Commitments
// with any other version byte (those of a real eigenda-proxy) are carried as
// opaque certificates. For eigenda-proxy's version 0x01 (an RLP EigenDA V2
// certificate) the client extracts the blob's KZG commitment and checks the
// payload against it; see Client.
//
// # HTTP API (same shape as eigenda-proxy)
//
//	POST /put[?commitment_mode=standard]            body: payload; reply: commitment bytes
//	GET  /get/0x<hex>[?commitment_mode=standard]    reply: payload
//	GET  /health
//
// # Batches
//
// PutBatch compresses an epoch batch (zstd, skipped when it does not help),
// splits the stream into chunks that each fit one blob, posts them, and posts a
// manifest (see manifest.go for its framing) listing the chunk commitments.
// The manifest's commitment alone references the whole batch.
package da
