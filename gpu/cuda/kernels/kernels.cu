// provenet forward-pass kernels, compiled at start with NVRTC (see
// gpu/cuda). Activations are f32; weights are f16 or f32 and go through
// cuBLAS. Layouts mirror the host backend (gpu/model):
//   - x: [rows][dim] row-major;
//   - KV cache block b, layer l, k (0) or v (1), slot t:
//     ((b*layers + l)*2 + kv)*BLOCK_TOKENS + t, times kvDim floats;
//   - a row's block table: tables[row*maxBlocks + i];
//   - LoRA A: [rank][in], Bt: [rank][out] (B transposed), as model.LoRA.
// Every kernel is deterministic: no atomics on floating-point sums.

#define BLOCK_TOKENS 16
#define NEG_INF __int_as_float(0xff800000)

typedef unsigned short half_bits;

__device__ __forceinline__ float half_to_float(half_bits h) {
    unsigned int sign = (h >> 15) & 1u, exp = (h >> 10) & 0x1fu, mant = h & 0x3ffu;
    unsigned int f;
    if (exp == 0) {
        if (mant == 0) {
            f = sign << 31;
        } else {
            exp = 127 - 15 + 1;
            while ((mant & 0x400u) == 0) { mant <<= 1; exp--; }
            mant &= 0x3ffu;
            f = (sign << 31) | (exp << 23) | (mant << 13);
        }
    } else if (exp == 31) {
        f = (sign << 31) | 0x7f800000u | (mant << 13);
    } else {
        f = (sign << 31) | ((exp + 127 - 15) << 23) | (mant << 13);
    }
    return __int_as_float((int)f);
}

// Block-wide sum; blockDim.x is a multiple of 32 and at most 1024.
__device__ float block_sum(float v) {
    __shared__ float warp[32];
    for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
    int lane = threadIdx.x & 31, w = threadIdx.x >> 5;
    if (lane == 0) warp[w] = v;
    __syncthreads();
    int nw = (blockDim.x + 31) >> 5;
    v = threadIdx.x < nw ? warp[threadIdx.x] : 0.0f;
    if (w == 0) for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
    __shared__ float total;
    if (threadIdx.x == 0) total = v;
    __syncthreads();
    float t = total;
    __syncthreads();
    return t;
}

// Block-wide max.
__device__ float block_max(float v) {
    __shared__ float warp[32];
    for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_down_sync(0xffffffffu, v, o));
    int lane = threadIdx.x & 31, w = threadIdx.x >> 5;
    if (lane == 0) warp[w] = v;
    __syncthreads();
    int nw = (blockDim.x + 31) >> 5;
    v = threadIdx.x < nw ? warp[threadIdx.x] : NEG_INF;
    if (w == 0) for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_down_sync(0xffffffffu, v, o));
    __shared__ float total;
    if (threadIdx.x == 0) total = v;
    __syncthreads();
    float t = total;
    __syncthreads();
    return t;
}

// x[row] = embed[tokens[row]]; grid (rows), block 256.
extern "C" __global__ void embed_f32(float* x, const float* embed, const int* tokens, int dim) {
    int r = blockIdx.x;
    const float* src = embed + (long long)tokens[r] * dim;
    for (int i = threadIdx.x; i < dim; i += blockDim.x) x[(long long)r * dim + i] = src[i];
}

extern "C" __global__ void embed_f16(float* x, const half_bits* embed, const int* tokens, int dim) {
    int r = blockIdx.x;
    const half_bits* src = embed + (long long)tokens[r] * dim;
    for (int i = threadIdx.x; i < dim; i += blockDim.x) x[(long long)r * dim + i] = half_to_float(src[i]);
}

// out[row] = x[row] / rms(x[row]) * w; grid (rows), block 256.
// rowIdx (may be null) picks the input rows: out row j reads x row rowIdx[j].
extern "C" __global__ void rmsnorm(float* out, const float* x, const float* w, const int* rowIdx, int dim, float eps) {
    int r = blockIdx.x;
    int src = rowIdx ? rowIdx[r] : r;
    const float* row = x + (long long)src * dim;
    float ss = 0.0f;
    for (int i = threadIdx.x; i < dim; i += blockDim.x) ss += row[i] * row[i];
    ss = block_sum(ss);
    float inv = rsqrtf(ss / dim + eps);
    for (int i = threadIdx.x; i < dim; i += blockDim.x) out[(long long)r * dim + i] = row[i] * inv * w[i];
}

// Rotates q and k in place at each row's position. cos/sin: [maxSeq][hd/2].
// interleaved: pairs (2i, 2i+1) (llama.cpp, GGUF); else (i, i+hd/2) (HF).
// grid (rows), block 128.
extern "C" __global__ void rope(float* q, float* k, const int* pos, const float* cosT, const float* sinT,
                                int heads, int kvHeads, int hd, int interleaved) {
    int r = blockIdx.x;
    int half = hd / 2;
    const float* cs = cosT + (long long)pos[r] * half;
    const float* sn = sinT + (long long)pos[r] * half;
    int units = (heads + kvHeads) * half;
    for (int u = threadIdx.x; u < units; u += blockDim.x) {
        int h = u / half, i = u % half;
        float* v = h < heads ? q + ((long long)r * heads + h) * hd : k + ((long long)r * kvHeads + (h - heads)) * hd;
        int a = interleaved ? 2 * i : i, b = interleaved ? 2 * i + 1 : i + half;
        float x0 = v[a], x1 = v[b];
        v[a] = x0 * cs[i] - x1 * sn[i];
        v[b] = x0 * sn[i] + x1 * cs[i];
    }
}

// Writes each row's k and v into its cache slot; grid (rows), block 128.
extern "C" __global__ void kv_write(float* cache, const float* k, const float* v, const int* tables, const int* pos,
                                    int maxBlocks, int layers, int layer, int kvDim) {
    int r = blockIdx.x;
    int p = pos[r];
    long long b = tables[(long long)r * maxBlocks + p / BLOCK_TOKENS];
    long long ko = (((b * layers + layer) * 2 + 0) * BLOCK_TOKENS + p % BLOCK_TOKENS) * kvDim;
    long long vo = (((b * layers + layer) * 2 + 1) * BLOCK_TOKENS + p % BLOCK_TOKENS) * kvDim;
    for (int i = threadIdx.x; i < kvDim; i += blockDim.x) {
        cache[ko + i] = k[(long long)r * kvDim + i];
        cache[vo + i] = v[(long long)r * kvDim + i];
    }
}

// Causal attention of one (row, head) over its cached positions 0..pos,
// through the row's block table (PagedAttention's layout, one query per
// row). Scores go to shared memory per tile of positions, with an online
// softmax across tiles. grid (rows*heads), block = 128 threads; hd <= 256.
#define ATT_TILE 128
extern "C" __global__ void paged_attention(float* out, const float* q, const float* cache, const int* tables,
                                           const int* pos, int maxBlocks, int layers, int layer,
                                           int heads, int kvHeads, int hd, float scale) {
    int r = blockIdx.x / heads, h = blockIdx.x % heads;
    int g = h / (heads / kvHeads);
    int kvDim = kvHeads * hd;
    __shared__ float qs[256];
    __shared__ float sc[ATT_TILE];
    __shared__ float acc[256];
    const float* qr = q + ((long long)r * heads + h) * hd;
    for (int i = threadIdx.x; i < hd; i += blockDim.x) { qs[i] = qr[i] * scale; acc[i] = 0.0f; }
    __syncthreads();
    float m = NEG_INF, sum = 0.0f;
    int n = pos[r] + 1;
    const int* table = tables + (long long)r * maxBlocks;
    for (int t0 = 0; t0 < n; t0 += ATT_TILE) {
        int tn = min(ATT_TILE, n - t0);
        for (int t = threadIdx.x; t < tn; t += blockDim.x) {
            int p = t0 + t;
            long long b = table[p / BLOCK_TOKENS];
            const float* kp = cache + (((b * layers + layer) * 2 + 0) * BLOCK_TOKENS + p % BLOCK_TOKENS) * kvDim + g * hd;
            float s = 0.0f;
            for (int i = 0; i < hd; i++) s += qs[i] * kp[i];
            sc[t] = s;
        }
        __syncthreads();
        float tm = NEG_INF;
        for (int t = threadIdx.x; t < tn; t += blockDim.x) tm = fmaxf(tm, sc[t]);
        tm = block_max(tm);
        float nm = fmaxf(m, tm);
        float f = expf(m - nm);
        float ts = 0.0f;
        for (int t = threadIdx.x; t < tn; t += blockDim.x) { sc[t] = expf(sc[t] - nm); ts += sc[t]; }
        ts = block_sum(ts);
        sum = sum * f + ts;
        m = nm;
        for (int i = threadIdx.x; i < hd; i += blockDim.x) {
            float a = acc[i] * f;
            for (int t = 0; t < tn; t++) {
                int p = t0 + t;
                long long b = table[p / BLOCK_TOKENS];
                const float* vp = cache + (((b * layers + layer) * 2 + 1) * BLOCK_TOKENS + p % BLOCK_TOKENS) * kvDim + g * hd;
                a += sc[t] * vp[i];
            }
            acc[i] = a;
        }
        __syncthreads();
    }
    float* o = out + ((long long)r * heads + h) * hd;
    float inv = 1.0f / sum;
    for (int i = threadIdx.x; i < hd; i += blockDim.x) o[i] = acc[i] * inv;
}

// Round-to-nearest-even f32 to f16 bits (the GEMM input of f16 weights).
__device__ __forceinline__ half_bits float_to_half(float f) {
    unsigned int x = (unsigned int)__float_as_int(f);
    unsigned int sign = (x >> 16) & 0x8000u;
    int exp = (int)((x >> 23) & 0xffu) - 127 + 15;
    unsigned int mant = x & 0x7fffffu;
    if (((x >> 23) & 0xffu) == 0xffu) return (half_bits)(sign | 0x7c00u | (mant ? 0x200u : 0u));
    if (exp >= 31) return (half_bits)(sign | 0x7c00u);
    if (exp <= 0) {
        if (exp < -10) return (half_bits)sign;
        mant |= 0x800000u;
        int shift = 14 - exp;
        unsigned int h = mant >> shift, rem = mant & ((1u << shift) - 1u), halfway = 1u << (shift - 1);
        if (rem > halfway || (rem == halfway && (h & 1u))) h++;
        return (half_bits)(sign | h);
    }
    unsigned int h = ((unsigned int)exp << 10) | (mant >> 13), rem = mant & 0x1fffu;
    if (rem > 0x1000u || (rem == 0x1000u && (h & 1u))) h++;
    return (half_bits)(sign | h);
}

// dst = f16(src); grid-stride.
extern "C" __global__ void to_f16(half_bits* dst, const float* src, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
        dst[i] = float_to_half(src[i]);
}

// gate = silu(gate) * up; grid-stride.
extern "C" __global__ void swiglu(float* gate, const float* up, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) {
        float g = gate[i];
        gate[i] = g / (1.0f + expf(-g)) * up[i];
    }
}

// dst += src; grid-stride.
extern "C" __global__ void add_into(float* dst, const float* src, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
        dst[i] += src[i];
}

// x[row] += bias; grid-stride over rows*width.
extern "C" __global__ void add_bias(float* x, const float* bias, int width, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
        x[i] += bias[i % width];
}

// LoRA for a batch that mixes adapters, in two launches per projection
// whatever the number of distinct adapters (BGMV, as Punica and S-LoRA):
// the batch's (row, adapter) pairs are listed in row order; pair p applies
// adapter slot slot[p] to row pairRow[p] with weight coef[p].
// A[s] and Bt[s] are the slot's device matrices for this layer and
// projection (null where the adapter does not target it), rank[s] its rank.
//
// Shrink: t[p][j] = x[pairRow[p]] · A[s][j]; grid (pairs, maxRank), block 128.
extern "C" __global__ void lora_shrink(float* t, const float* x, const int* pairRow, const int* slot,
                                       const float* const* A, const int* rank, int in, int maxRank) {
    int p = blockIdx.x, j = blockIdx.y;
    int s = slot[p];
    const float* a = A[s];
    if (a == 0 || j >= rank[s]) {
        if (threadIdx.x == 0) t[(long long)p * maxRank + j] = 0.0f;
        return;
    }
    const float* xr = x + (long long)pairRow[p] * in;
    const float* aj = a + (long long)j * in;
    float v = 0.0f;
    for (int i = threadIdx.x; i < in; i += blockDim.x) v += xr[i] * aj[i];
    v = block_sum(v);
    if (threadIdx.x == 0) t[(long long)p * maxRank + j] = v;
}

// Expand: y[row][o] += Σ over the row's pairs p (in order) coef[p]·scale[s]·Σ_j t[p][j]·Bt[s][j][o]
// (coef: the row's ensemble weight of the adapter; scale: the LoRA's alpha/rank).
// rowPairs[row]..rowPairs[row+1] are the row's pairs. grid (rows, ceil(out/256)), block 256.
extern "C" __global__ void lora_expand(float* y, const float* t, const int* rowPairs, const int* slot, const float* coef,
                                       const float* const* Bt, const int* rank, const float* scale, int out, int maxRank) {
    int r = blockIdx.x;
    int o = blockIdx.y * blockDim.x + threadIdx.x;
    if (o >= out) return;
    float acc = 0.0f;
    for (int p = rowPairs[r]; p < rowPairs[r + 1]; p++) {
        int s = slot[p];
        const float* bt = Bt[s];
        if (bt == 0) continue;
        float d = 0.0f;
        for (int j = 0; j < rank[s]; j++) d += t[(long long)p * maxRank + j] * bt[(long long)j * out + o];
        acc += coef[p] * scale[s] * d;
    }
    y[(long long)r * out + o] += acc;
}

// Block-wide argmax of (v, i) pairs, ties to the lower i; every thread
// gets the winner's index (and value in *vOut when given). blockDim.x is a
// power of two, at most 256.
__device__ int block_argmax(float v, int i, float* vOut = 0) {
    __shared__ float bv[256];
    __shared__ int bi[256];
    bv[threadIdx.x] = v;
    bi[threadIdx.x] = i;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) {
            float ov = bv[threadIdx.x + s];
            int oi = bi[threadIdx.x + s];
            if (ov > bv[threadIdx.x] || (ov == bv[threadIdx.x] && oi < bi[threadIdx.x])) { bv[threadIdx.x] = ov; bi[threadIdx.x] = oi; }
        }
        __syncthreads();
    }
    int w = bi[0];
    if (vOut) *vOut = bv[0];
    __syncthreads();
    return w;
}

// Greedy sampling on the device: next[row] = argmax(logits[row]), ties
// to the lowest id (as gpu/sample). grid (rows), block 256.
extern "C" __global__ void argmax(int* next, const float* logits, int vocab) {
    int r = blockIdx.x;
    const float* l = logits + (long long)r * vocab;
    float best = NEG_INF;
    int id = 0x7fffffff;
    for (int i = threadIdx.x; i < vocab; i += blockDim.x) {
        if (l[i] > best) { best = l[i]; id = i; }
    }
    id = block_argmax(best, id);
    if (threadIdx.x == 0) next[r] = id;
}

// Top-k / top-p sampling on the device: per row, the k best logits
// (k <= 64, by repeated block argmax with exclusion), softmax at
// temperature over them, the smallest prefix whose mass reaches topP, and
// the token where the cumulative mass passes u[row]·mass (u uniform in
// [0,1) from the host's seeded generator, so a request's draw is
// reproducible). grid (rows), block 256.
#define TOPK_MAX 64
extern "C" __global__ void sample_topk_topp(int* next, const float* logits, const float* u, int vocab, int k,
                                            float temperature, float topP) {
    int r = blockIdx.x;
    const float* l = logits + (long long)r * vocab;
    __shared__ float cv[TOPK_MAX];
    __shared__ int ci[TOPK_MAX];
    if (k > TOPK_MAX) k = TOPK_MAX;
    if (k > vocab) k = vocab;
    for (int c = 0; c < k; c++) {
        float best = NEG_INF;
        int id = 0x7fffffff;
        for (int i = threadIdx.x; i < vocab; i += blockDim.x) {
            bool taken = false;
            for (int e = 0; e < c; e++) taken |= (ci[e] == i);
            if (!taken && (l[i] > best || (l[i] == best && i < id))) { best = l[i]; id = i; }
        }
        float top = best;
        id = block_argmax(best, id, &top);
        if (threadIdx.x == 0) { cv[c] = top; ci[c] = id; }
        __syncthreads();
    }
    if (threadIdx.x != 0) return;
    float t = temperature > 0.0f ? temperature : 1.0f;
    float mass = 0.0f;
    for (int c = 0; c < k; c++) { cv[c] = expf((cv[c] - cv[0]) / t); mass += cv[c]; }
    float keep = 0.0f;
    int n = 0;
    while (n < k) { keep += cv[n]; n++; if (keep >= topP * mass) break; }
    float target = u[r] * keep, run = 0.0f;
    int pick = ci[n - 1];
    for (int c = 0; c < n; c++) { run += cv[c]; if (run > target) { pick = ci[c]; break; } }
    next[r] = pick;
}
