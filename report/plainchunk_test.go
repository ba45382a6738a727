package report

import (
	"bufio"
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPlainChunkMatchesPretty compares the direct row writer with the
// go-pretty rendering it replaces, on random tables of plain cells: both
// layouts (text, Markdown), with and without the (grouped) header, empty
// cells, and widths fixed wider or narrower than the cells.
func TestPlainChunkMatchesPretty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(maxLen int) string {
		n := rng.IntN(maxLen + 1)
		var b strings.Builder
		for range n {
			b.WriteByte(byte(0x20 + rng.IntN(0x7f-0x20)))
		}
		return strings.ReplaceAll(b.String(), "|", "x")
	}
	for trial := range 400 {
		nc := 1 + rng.IntN(6)
		cols := make([]rowsColumn, nc)
		widths := make([]int, nc)
		grouped := false
		for k := range cols {
			cols[k] = rowsColumn{header: word(8), right: rng.IntN(2) == 0}
			if rng.IntN(3) == 0 {
				cols[k].group = word(10)
				grouped = grouped || cols[k].group != ""
			}
			widths[k] = rng.IntN(7)
			if rng.IntN(8) == 0 {
				widths[k] += 40 // wider than writePlainChunk's run of spaces
			}
		}
		rows := rng.IntN(6)
		cells := make([]string, rows*nc)
		for i := range cells {
			cells[i] = word(9)
		}
		for _, md := range []bool{false, true} {
			for _, header := range []bool{true, false} {
				if !header && rows == 0 {
					continue
				}
				var want, got bytes.Buffer
				ww, gw := bufio.NewWriter(&want), bufio.NewWriter(&got)
				if err := writePrettyChunk(ww, cols, cells, widths, header, grouped, md); err != nil {
					t.Fatal(err)
				}
				if err := writePlainChunk(gw, cols, cells, widths, header, grouped, md); err != nil {
					t.Fatal(err)
				}
				ww.Flush()
				gw.Flush()
				if want.String() != got.String() {
					t.Fatalf("trial %d md=%v header=%v cols=%+v cells=%q\nwant:\n%q\ngot:\n%q", trial, md, header, cols, cells, want.String(), got.String())
				}
			}
		}
	}
}

func TestPlainText(t *testing.T) {
	for s, want := range map[string]bool{"": true, "abc 12": true, "a|b": false, "é": false, "a\tb": false, "a\nb": false} {
		if got := plainText(s); got != want {
			t.Errorf("plainText(%q) = %v, want %v", s, got, want)
		}
	}
}
