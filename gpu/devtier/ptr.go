package devtier

import (
	"unsafe"

	"github.com/provenet/provenet/gpu/model"
)

func uintptrOf(a *model.Adapter) uintptr { return uintptr(unsafe.Pointer(a)) }
