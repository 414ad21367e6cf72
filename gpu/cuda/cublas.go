//go:build cuda

package cuda

/*
#cgo LDFLAGS: -lcublas
#include <stdint.h>
#include <cublas_v2.h>

// y (out x rows, column-major) = op(w)^T x: the row-major y = x w^T of
// the forward pass, f32 accumulate. Addresses are device addresses.
static cublasStatus_t provenet_linear(cublasHandle_t h, int rows, int in, int out,
                                      uintptr_t y, uintptr_t x, uintptr_t w, cudaDataType t) {
	float alpha = 1.0f, beta = 0.0f;
	return cublasGemmEx(h, CUBLAS_OP_T, CUBLAS_OP_N, out, rows, in, &alpha,
	                    (const void*)w, t, in, (const void*)x, t, in, &beta,
	                    (void*)y, CUDA_R_32F, out, CUBLAS_COMPUTE_32F, CUBLAS_GEMM_DEFAULT);
}
*/
import "C"

import (
	"fmt"
	"unsafe"

	"gorgonia.org/cu"
)

// blasHandle is one cuBLAS handle bound to the device's stream.
type blasHandle struct{ h C.cublasHandle_t }

func newBLAS(stream cu.Stream) (*blasHandle, error) {
	var h C.cublasHandle_t
	if st := C.cublasCreate(&h); st != C.CUBLAS_STATUS_SUCCESS {
		return nil, fmt.Errorf("%w: cublasCreate: status %d", ErrCUDA, int(st))
	}
	if st := C.cublasSetStream(h, C.cudaStream_t(unsafe.Pointer(stream.C()))); st != C.CUBLAS_STATUS_SUCCESS {
		C.cublasDestroy(h)
		return nil, fmt.Errorf("%w: cublasSetStream: status %d", ErrCUDA, int(st))
	}
	return &blasHandle{h: h}, nil
}

func (b *blasHandle) close() { C.cublasDestroy(b.h) }

// linear sets y[rows×out] = x[rows×in] · wᵀ, w row-major [out][in] in f16
// (x then f16 too) or f32, accumulating in f32. In cuBLAS's column-major
// terms: y (out×rows) = op(w)ᵀ (out×in) · x (in×rows).
func (b *blasHandle) linear(y, x, w cu.DevicePtr, rows, in, out int, f16 bool) error {
	typ := C.cudaDataType(C.CUDA_R_32F)
	if f16 {
		typ = C.CUDA_R_16F
	}
	st := C.provenet_linear(b.h, C.int(rows), C.int(in), C.int(out), C.uintptr_t(y), C.uintptr_t(x), C.uintptr_t(w), typ)
	if st != C.CUBLAS_STATUS_SUCCESS {
		return fmt.Errorf("%w: cublasGemmEx %dx%dx%d: status %d", ErrCUDA, rows, in, out, int(st))
	}
	return nil
}
