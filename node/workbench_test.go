package node

import (
	"context"
	"testing"

	"github.com/provenet/provenet/internal/realdata"
)

// BenchmarkWorkPipeline runs the end-to-end work benchmark on a small crawl:
// go test -run XXX -bench WorkPipeline -benchtime 1x ./node. Each iteration
// starts a fresh network, so ns/op includes start-up; records/s does not.
func BenchmarkWorkPipeline(b *testing.B) {
	for range b.N {
		res, err := MeasureWork(context.Background(), WorkBenchOptions{Pages: 20, Source: realdata.Path(b, realdata.PythonDocs)})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(res.RecordsPerSec(), "records/s")
		b.ReportMetric(float64(res.Records), "records")
		for _, s := range res.Stages {
			if s.Name == "created -> final on all nodes" {
				b.ReportMetric(float64(s.P50.Milliseconds()), "final-p50-ms")
				b.ReportMetric(float64(s.P99.Milliseconds()), "final-p99-ms")
			}
		}
		if b.N == 1 {
			b.Logf("%.1f records/s, wall %s", res.RecordsPerSec(), res.Wall)
		}
	}
}
