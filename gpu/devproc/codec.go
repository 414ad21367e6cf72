package devproc

import (
	"encoding/json"
	"fmt"

	"github.com/provenet/provenet/gpu/model"
)

func writeWeights(w *writer, ws *model.Weights) error {
	c, err := json.Marshal(ws.Config)
	if err != nil {
		return err
	}
	w.str(string(c))
	raw(w, ws.Embed)
	raw(w, ws.FinalNorm)
	tied := len(ws.Output) > 0 && len(ws.Embed) > 0 && &ws.Output[0] == &ws.Embed[0]
	if tied {
		w.u8(1)
	} else {
		w.u8(0)
		raw(w, ws.Output)
	}
	raw(w, ws.Output16)
	for i := range ws.Layers {
		L := &ws.Layers[i]
		raw(w, L.AttnNorm)
		raw(w, L.FFNNorm)
		for m := range L.W {
			raw(w, L.W[m])
			raw(w, L.W16[m])
		}
		for _, b := range L.Bias {
			raw(w, b)
		}
	}
	return nil
}

func readWeights(r *reader) (*model.Weights, error) {
	ws := &model.Weights{}
	if err := json.Unmarshal([]byte(r.str()), &ws.Config); err != nil {
		return nil, fmt.Errorf("%w: config: %v", ErrProtocol, err)
	}
	if err := ws.Config.Validate(); err != nil {
		return nil, err
	}
	ws.Embed = readRaw[float32](r, nil)
	ws.FinalNorm = readRaw[float32](r, nil)
	if r.u8() == 1 {
		ws.Output = ws.Embed
	} else {
		ws.Output = readRaw[float32](r, nil)
	}
	ws.Output16 = readRaw[uint16](r, nil)
	ws.Layers = make([]model.Layer, ws.Config.Layers)
	for i := range ws.Layers {
		L := &ws.Layers[i]
		L.AttnNorm = readRaw[float32](r, nil)
		L.FFNNorm = readRaw[float32](r, nil)
		for m := range L.W {
			L.W[m] = readRaw[float32](r, nil)
			L.W16[m] = readRaw[uint16](r, nil)
		}
		for j := range L.Bias {
			L.Bias[j] = readRaw[float32](r, nil)
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	return ws, ws.Check()
}

func writeAdapter(w *writer, id string, a *model.Adapter) {
	w.str(id)
	w.str(a.Name)
	w.str(a.CID)
	w.u8(byte(a.Rope))
	w.u64(uint64(len(a.Layers)))
	for _, l := range a.Layers {
		for _, lo := range l {
			if lo == nil {
				w.u8(0)
				continue
			}
			w.u8(1)
			w.u64(uint64(lo.Rank))
			w.f32(lo.Scale)
			raw(w, lo.A)
			raw(w, lo.Bt)
		}
	}
}

func readAdapter(r *reader, c *model.Config) (string, *model.Adapter, error) {
	id := r.str()
	a := &model.Adapter{Name: r.str(), CID: r.str(), Rope: model.RopeStyle(r.u8())}
	n := r.int()
	if r.err == nil && n != c.Layers {
		return "", nil, fmt.Errorf("%w: adapter of %d layers for a %d-layer model", ErrProtocol, n, c.Layers)
	}
	a.Layers = make([][model.NumModules]*model.LoRA, n)
	for l := range a.Layers {
		for m := range a.Layers[l] {
			if r.u8() == 0 {
				continue
			}
			lo := &model.LoRA{Rank: r.int(), Scale: r.f32()}
			lo.A = readRaw[float32](r, nil)
			lo.Bt = readRaw[float32](r, nil)
			a.Layers[l][m] = lo
		}
	}
	if r.err != nil {
		return "", nil, r.err
	}
	if err := a.Check(c); err != nil {
		return "", nil, err
	}
	return id, a, nil
}
