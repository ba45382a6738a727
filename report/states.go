package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// statesColumns describes the states listing: number, code, Y/N per
// option (under its DM), status quo, and each DM's rank.
func statesColumns(v *view, md bool) []rowsColumn {
	cols := []rowsColumn{
		{header: "State", right: true, cell: number},
		{header: "Code", right: true, cell: func(s int) string { return code(v.ss, s) }},
	}
	if v.ss.Graph() {
		cols = append(cols, rowsColumn{header: "Id", cell: v.ss.StateID})
	}
	for i, d := range v.ss.DMs {
		for k, b := range v.dmOptions(i) {
			c := rowsColumn{header: v.ss.Options[b].ID, cell: func(s int) string { return string(yn(v.ss.Taken(s, b))) }}
			if k == 0 {
				c.group = d.ID
			}
			cols = append(cols, c)
		}
	}
	if v.sq >= 0 {
		cols = append(cols, rowsColumn{header: "SQ", cell: func(s int) string {
			if s == v.sq {
				return "sq"
			}
			return ""
		}})
	}
	if len(v.misperceiving()) > 0 {
		cols = append(cols, rowsColumn{header: "Not perceived by", cell: func(s int) string { return strings.Join(v.notPerceivedBy(s), " ") }})
	}
	for i, d := range v.ss.DMs {
		c := rowsColumn{header: d.ID, right: true, cell: func(s int) string { return strconv.Itoa(v.p.Rank(i, s)) }}
		if i == 0 {
			c.group = "Rank"
		}
		if md {
			c.header = "Rank " + d.ID
		}
		cols = append(cols, c)
	}
	return cols
}

func writeStatesTable(out io.Writer, v *view, md bool) error {
	w := bufio.NewWriter(out)
	if md {
		fmt.Fprintf(w, "# %s: feasible states\n\n%s.\n\n%s", escapeMD(v.title()), v.summary(), escapeMD(v.dmNames("DMs: ", ".\n\n")))
	} else {
		fmt.Fprintf(w, "%s: feasible states\n%s\n%s\n", v.title(), v.summary(), v.dmNames("DMs: ", "\n"))
	}
	if err := writeChunked(w, v, statesColumns(v, md), md); err != nil {
		return err
	}
	w.WriteString("\n")
	if md {
		w.WriteString("- Y = option taken, N = not taken; options by DM: " + escapeMD(v.patternKey()) + ".\n")
		w.WriteString("- Code: the state's decimal code (option k adds 2^k).\n- " + rankNote + "\n")
	} else {
		w.WriteString("Y = option taken, N = not taken. Code: the state's decimal code (option k adds 2^k).\n" + rankNote + "\n")
	}
	if len(v.misperceiving()) > 0 {
		notes := append([]string{"Not perceived by: the DMs that do not perceive the state (a misperception: the model's \"misperceived\"); a DM has no moves from or into a state it does not perceive."}, v.misperceptionNotes()...)
		for _, n := range notes {
			if md {
				w.WriteString("- " + escapeMD(n) + "\n")
			} else {
				w.WriteString(n + "\n")
			}
		}
	}
	return w.Flush()
}

// perceivedHeader names the CSV columns "perceived_<DM>", one per DM that
// misperceives the conflict (none without misperceptions).
func (v *view) perceivedHeader() []string {
	var out []string
	for _, i := range v.misperceiving() {
		out = append(out, "perceived_"+v.ss.DMs[i].ID)
	}
	return out
}

// perceivedCells appends state s's perceived_<DM> cells (1 or 0) to rec.
func (v *view) perceivedCells(rec []string, s int) []string {
	for _, i := range v.misperceiving() {
		if v.ss.Perceives(i, s) {
			rec = append(rec, "1")
		} else {
			rec = append(rec, "0")
		}
	}
	return rec
}

// writeStatesCSV writes number, code, pattern, one Y/N column per option,
// one rank column per DM, and one perceived_<DM> column (1/0) per DM that
// misperceives the conflict.
func writeStatesCSV(out io.Writer, v *view) error {
	bw := bufio.NewWriter(out)
	w := csv.NewWriter(bw)
	hdr := []string{"number", "code", "pattern"}
	for _, o := range v.ss.Options {
		hdr = append(hdr, o.ID)
	}
	for _, d := range v.ss.DMs {
		hdr = append(hdr, "rank_"+d.ID)
	}
	hdr = append(hdr, v.perceivedHeader()...)
	if err := w.Write(hdr); err != nil {
		return err
	}
	rec := make([]string, len(hdr))
	for s := 0; s < v.ss.Len(); s++ {
		rec = rec[:0]
		rec = append(rec, number(s), code(v.ss, s), v.ss.Pattern(s))
		for b := range v.ss.Options {
			rec = append(rec, string(yn(v.ss.Taken(s, b))))
		}
		for i := range v.ss.DMs {
			rec = append(rec, strconv.Itoa(v.p.Rank(i, s)))
		}
		rec = v.perceivedCells(rec, s)
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
