//go:build cuda

package cuda

import (
	"gorgonia.org/cu"

	"github.com/provenet/provenet/gpu/model"
)

// deviceWeights are the model's matrices in device memory: f16 where the
// host weights carry f16 copies (model.Weights.UseF16), else f32 (the
// parity checks against the CPU backend's f32 path).
type deviceWeights struct {
	f16       bool
	embed     cu.DevicePtr // [Vocab][Dim] f32 (the gather reads one row)
	output    cu.DevicePtr // [Vocab][Dim]
	finalNorm cu.DevicePtr
	layers    []deviceLayer
}

type deviceLayer struct {
	attnNorm, ffnNorm cu.DevicePtr
	w                 [model.NumModules]cu.DevicePtr
	half              [model.NumModules]bool // w[m] is f16
	bias              [3]cu.DevicePtr
}

func (d *Device) uploadWeights(w *model.Weights) error {
	dw := &d.w
	dw.f16 = w.Output16 != nil
	var err error
	if dw.embed, err = upload(d, w.Embed); err != nil {
		return err
	}
	if dw.f16 {
		dw.output, err = upload(d, w.Output16)
	} else {
		dw.output, err = upload(d, w.Output)
	}
	if err != nil {
		return err
	}
	if dw.finalNorm, err = upload(d, w.FinalNorm); err != nil {
		return err
	}
	dw.layers = make([]deviceLayer, len(w.Layers))
	for i := range w.Layers {
		L, dl := &w.Layers[i], &dw.layers[i]
		if dl.attnNorm, err = upload(d, L.AttnNorm); err != nil {
			return err
		}
		if dl.ffnNorm, err = upload(d, L.FFNNorm); err != nil {
			return err
		}
		for m := range L.W {
			// A matrix UseF16 kept in f32 (a value beyond f16's range)
			// stays f32 here too, and its GEMM reads f32 input.
			if L.W16[m] != nil {
				dl.w[m], err = upload(d, L.W16[m])
				dl.half[m] = true
			} else {
				dl.w[m], err = upload(d, L.W[m])
			}
			if err != nil {
				return err
			}
		}
		for j, b := range L.Bias {
			if dl.bias[j], err = upload(d, b); err != nil {
				return err
			}
		}
	}
	return nil
}
