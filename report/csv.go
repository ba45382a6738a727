package report

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
)

// writeCSV writes one row per state: number, code, pattern, Y/N per
// option (one column per option id, as in the states listing), each DM's
// rank, 1/0 perception per DM that misperceives the conflict
// ("perceived_<DM>"), 0/1 stability per concept and DM (columns
// "stable_<concept>_<DM>"), and 0/1 equilibrium per concept
// ("eq_<concept>"), then, with per-DM concepts, 0/1 mixed equilibrium
// ("eq_Mixed"). Extra concepts (analysis.Extra) follow the standard ones,
// named with "(" as "_" and without ")": stable_GMR_a_P1, eq_L3. Last,
// for each concept of strength of preference, 0/1 strongly stable per DM
// ("strong_sGMR_P1") and 0/1 strong equilibrium ("strong_eq_sGMR").
func writeCSV(out io.Writer, v *view) error {
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
	for _, c := range v.cols {
		for _, d := range v.ss.DMs {
			hdr = append(hdr, "stable_"+c.csvName()+"_"+d.ID)
		}
	}
	for _, c := range v.cols {
		hdr = append(hdr, "eq_"+c.csvName())
	}
	if v.mixed != nil {
		hdr = append(hdr, "eq_"+mixedName)
	}
	for _, c := range v.cols {
		if c.extra != nil && c.extra.HasStrength() {
			for _, d := range v.ss.DMs {
				hdr = append(hdr, "strong_"+c.csvName()+"_"+d.ID)
			}
			hdr = append(hdr, "strong_eq_"+c.csvName())
		}
	}
	if err := w.Write(hdr); err != nil {
		return err
	}
	rec := make([]string, 0, len(hdr))
	bit := func(b bool) string {
		if b {
			return "1"
		}
		return "0"
	}
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
		for _, c := range v.cols {
			for i := range v.ss.DMs {
				rec = append(rec, bit(v.stable(c, i, s)))
			}
		}
		for _, c := range v.cols {
			rec = append(rec, bit(c.eq[s]))
		}
		if v.mixed != nil {
			rec = append(rec, bit(v.mixedEq[s]))
		}
		for _, c := range v.cols {
			if x := c.extra; x != nil && x.HasStrength() {
				all := c.eq[s]
				for i := range v.ss.DMs {
					rec = append(rec, bit(x.Strong(i, s)))
					all = all && x.Strong(i, s)
				}
				rec = append(rec, bit(all))
			}
		}
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
