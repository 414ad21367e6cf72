# provenet: the two commands a fresh machine needs are `make devnet` and `make test`.
GO      ?= go
BIN     := bin/provenet
NODES   ?= 5
GPU_NODES ?= 1
DIR     ?= .devnet
PKGS    := ./...
FUZZTIME ?= 20s
# The root the real test data is looked up under first (internal/realdata);
# `make testdata` fills the default one.
PROVENET_TESTDATA ?= $(CURDIR)/.cache/testdata/root

.PHONY: build test test-race testdata devnet bench bench-go lint fuzz clean clean-testdata cuda-check

include chain/contracts/Makefile.inc

build:
	$(GO) build -o $(BIN) ./cmd/provenet

## testdata: the Debian packages the real-data tests read (python3.11-doc, fortunes), extracted into .cache/testdata/root; once.
testdata:
	scripts/testdata.sh

## test: vet, then every test (the multi-node ones included), with the race detector on the store.
test bench bench-go fuzz: export PROVENET_TESTDATA := $(PROVENET_TESTDATA)
test: testdata
	$(GO) vet $(PKGS)
	$(GO) test -count=1 -timeout 15m $(PKGS)
	$(GO) test -count=1 -race -timeout 10m ./datanet/... ./account/... ./tasks/... ./points/... ./merkle/... ./internal/... ./node/replica/... ./node/work/... ./p2p/...

## devnet: $(NODES) node processes on loopback ($(GPU_NODES) serving inference on a random dev model), an embedded dev chain and a dev DA server, until Ctrl-C.
devnet: build
	$(BIN) devnet --nodes $(NODES) --gpu-nodes $(GPU_NODES) --dir $(DIR)

## bench: the issue targets, as tables (gossip on 50 nodes, durable ingest, idle memory, end-to-end data work on 10 nodes).
bench: build testdata
	$(BIN) bench ingest
	$(BIN) bench idle
	$(BIN) bench gossip --nodes 50 --rates 50,200 --duration 10s
	$(BIN) bench work
	$(BIN) bench infer

## bench-go: the go test benchmarks.
bench-go: testdata
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

## lint: gofmt, vet, and go.mod/go.sum tidy (go mod tidy -diff prints what tidy would change; it reads the module cache and downloads only what is missing from it).
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	@$(GO) mod tidy -diff || { echo "go.mod/go.sum are not tidy: run go mod tidy"; exit 1; }

## cuda-check: compile and vet the cuda build tag against CUDA 11.8 headers and stubs from Debian non-free, compile the GPU tests, and compile the kernels with NVRTC (no GPU needed; CI runs it).
cuda-check:
	GO=$(GO) scripts/cuda-check.sh

## fuzz: run every fuzz target for FUZZTIME each.
fuzz: testdata
	@for pkg in $$($(GO) list $(PKGS)); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

clean:
	rm -rf bin $(DIR)

## clean-testdata: drop the fetched test data (`make testdata` fetches it again).
clean-testdata:
	rm -rf .cache/testdata
