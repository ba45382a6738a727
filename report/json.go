package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/gmcr/gmcr/statespace"
)

// SchemaID is the $id of docs/analysis.schema.json, the JSON Schema of the
// analysis and states documents; each document names it in "$schema".
const SchemaID = "https://github.com/gmcr/gmcr/docs/analysis.schema.json"

// schemaBase is where the JSON Schemas of docs/ are named: a document's
// "$schema" is schemaBase + the schema's file name.
const schemaBase = "https://github.com/gmcr/gmcr/docs/"

// FormatVersion is the version of the JSON documents' layout; it changes
// only when a field changes meaning or goes away.
const FormatVersion = 1

type jsonModel struct {
	Title      string       `json:"title"`
	File       string       `json:"file"`
	DMs        []jsonDM     `json:"dms"`
	Options    []jsonOption `json:"options"`
	StateCount int          `json:"state_count"`
}

type jsonDM struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Options      []string `json:"options"`
	Misperceived []string `json:"misperceived,omitempty"`
}

type jsonOption struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	DM            string `json:"dm"`
	Bit           int    `json:"bit"`
	Reversibility string `json:"reversibility"`
}

type jsonState struct {
	Number         int                `json:"number"`
	Code           uint64             `json:"code"`
	ID             string             `json:"id,omitempty"` // graph form: the state's id
	Pattern        string             `json:"pattern"`
	Options        *ordered[bool]     `json:"options"`
	Rank           *ordered[int]      `json:"rank"`
	Stable         *ordered[[]string] `json:"stable,omitempty"`
	StronglyStable *ordered[[]string] `json:"strongly_stable,omitempty"`
	NotPerceivedBy []string           `json:"not_perceived_by,omitempty"`
}

// jsonMixed is the mixed (per-DM concept) equilibria.
type jsonMixed struct {
	Concepts   *ordered[string] `json:"concepts"`
	Equilibria []int            `json:"equilibria"`
}

func mixedJSON(v *view) jsonMixed {
	m := jsonMixed{Concepts: newOrdered[string](len(v.mixed)), Equilibria: []int{}}
	for i, c := range v.mixed {
		m.Concepts.set(v.ss.DMs[i].ID, c.String())
	}
	for _, s := range v.mixedList {
		m.Equilibria = append(m.Equilibria, statespace.Number(s))
	}
	return m
}

type jsonConcept struct {
	Name    string `json:"name"`
	Meaning string `json:"meaning"`
	Key     string `json:"key,omitempty"`    // extra concepts: the --concepts word
	Family  string `json:"family,omitempty"` // extra concepts: analysis.Family.Name
	Source  string `json:"source,omitempty"` // extra concepts: the paper
}

type jsonDefinitions struct {
	Numbering string        `json:"numbering"`
	Rank      string        `json:"rank"`
	Stable    string        `json:"stable,omitempty"`
	Concepts  []jsonConcept `json:"concepts,omitempty"`
	Mixed     string        `json:"mixed,omitempty"`
	NotPerc   string        `json:"not_perceived_by,omitempty"`
	Strength  string        `json:"strength,omitempty"`
	Note      string        `json:"note"`
}

const numberingNote = "Options are ordered by DM (DMs in model order, each DM's options in model order); option k (0-based, its \"bit\") adds 2^k to a state's decimal code; feasible states sorted by code are numbered 1, 2, ..."

func modelJSON(v *view) jsonModel {
	jm := jsonModel{Title: v.title(), File: v.file(), DMs: []jsonDM{}, Options: []jsonOption{}, StateCount: v.ss.Len()}
	if v.r.Model != nil {
		jm.Title = v.r.Model.Title
	}
	for i, d := range v.ss.DMs {
		jd := jsonDM{ID: d.ID, Name: d.Name, Options: []string{}}
		if m := v.ss.Model; m != nil && i < len(m.DMs) {
			for _, c := range m.DMs[i].Misperceived {
				jd.Misperceived = append(jd.Misperceived, c.Text)
			}
		}
		for _, b := range v.dmOptions(i) {
			jd.Options = append(jd.Options, v.ss.Options[b].ID)
		}
		jm.DMs = append(jm.DMs, jd)
	}
	for _, o := range v.ss.Options {
		jm.Options = append(jm.Options, jsonOption{ID: o.ID, Name: o.Name, DM: v.ss.DMs[o.DM].ID, Bit: o.Bit, Reversibility: o.Reversibility.String()})
	}
	return jm
}

func stateJSON(v *view, s int) jsonState {
	js := jsonState{Number: statespace.Number(s), Code: v.ss.Codes[s], ID: v.ss.StateID(s), Pattern: v.ss.Pattern(s),
		Options: newOrdered[bool](len(v.ss.Options)), Rank: newOrdered[int](len(v.ss.DMs)), NotPerceivedBy: v.notPerceivedBy(s)}
	for b, o := range v.ss.Options {
		js.Options.set(o.ID, v.ss.Taken(s, b))
	}
	for i, d := range v.ss.DMs {
		js.Rank.set(d.ID, v.p.Rank(i, s))
	}
	if v.a != nil {
		js.Stable = newOrdered[[]string](len(v.ss.DMs))
		for i, d := range v.ss.DMs {
			list := []string{}
			for _, c := range v.cols {
				if v.stable(c, i, s) {
					list = append(list, c.name)
				}
			}
			js.Stable.set(d.ID, list)
		}
		if v.hasStrength() {
			js.StronglyStable = newOrdered[[]string](len(v.ss.DMs))
			for i, d := range v.ss.DMs {
				list := []string{}
				for _, c := range v.cols {
					if c.extra != nil && c.extra.Strong(i, s) {
						list = append(list, c.name)
					}
				}
				js.StronglyStable.set(d.ID, list)
			}
		}
	}
	return js
}

// equilibriaJSON lists the equilibria of each computed concept, standard
// and extra, in report order; a concept that was not computed is left
// out.
func equilibriaJSON(v *view) *ordered[[]int] {
	e := newOrdered[[]int](len(v.cols))
	for _, c := range v.cols {
		nums := make([]int, len(c.eqList))
		for j, s := range c.eqList {
			nums[j] = statespace.Number(s)
		}
		e.set(c.name, nums)
	}
	return e
}

// strongEquilibriaJSON lists, for each concept of strength of
// preference, its strong equilibria (stable strongly for every DM).
func strongEquilibriaJSON(v *view) *ordered[[]int] {
	e := newOrdered[[]int](len(v.cols))
	for _, c := range v.cols {
		if c.extra == nil || !c.extra.HasStrength() {
			continue
		}
		nums := []int{}
		for _, s := range c.extra.StrongEquilibria() {
			nums = append(nums, statespace.Number(s))
		}
		e.set(c.name, nums)
	}
	return e
}

// hasStrength reports whether some column is a concept of strength of
// preference.
func (v *view) hasStrength() bool {
	for _, c := range v.cols {
		if c.extra != nil && c.extra.HasStrength() {
			return true
		}
	}
	return false
}

func definitionsJSON(v *view) jsonDefinitions {
	d := jsonDefinitions{Numbering: numberingNote, Rank: rankNote, Note: seqSimNote}
	if len(v.misperceiving()) > 0 {
		d.NotPerc = "not_perceived_by lists the DMs that do not perceive the state (a misperception: the model's \"misperceived\"); such a DM has no moves from or into it, so the state counts as stable for it under every concept."
	}
	if v.a != nil {
		d.Stable = "stable[DM] lists the concepts under which the state is stable for that DM; a state is an equilibrium under a concept iff it is stable for every DM."
		if v.hasStrength() {
			d.Strength = "strongly_stable[DM] lists the concepts of strength of preference (sGMR, ...) under which the state is strongly stable for that DM (stable but not strongly: weakly stable); strong_equilibria lists, per such concept, the equilibria strongly stable for every DM, the others of equilibria being weak."
		}
		for _, c := range v.cols {
			jc := jsonConcept{Name: c.name, Meaning: c.meaning()}
			if x := c.extra; x != nil {
				jc.Key, jc.Family, jc.Source = x.Key, x.Family, x.Source
			}
			d.Concepts = append(d.Concepts, jc)
		}
		if v.mixed != nil {
			d.Mixed = "mixed.equilibria lists the states stable for every DM under its own concept, mixed.concepts (GMCR II's hybrid analysis)."
		}
	}
	return d
}

// encode marshals x without HTML escaping, indented with the given prefix,
// without a trailing newline.
func encode(x any, prefix string, indent bool) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent(prefix, "  ")
	}
	if err := enc.Encode(x); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// writeDoc writes doc as one indented JSON document and a newline.
func writeDoc(out io.Writer, doc any) error {
	b, err := encode(doc, "", true)
	if err != nil {
		return err
	}
	_, err = out.Write(append(b, '\n'))
	return err
}

// writeJSON streams the analysis (kind "analysis") or states (kind
// "states") document: fields in a fixed order, one state per line.
func writeJSON(out io.Writer, v *view, kind string) error {
	w := bufio.NewWriter(out)
	first := true
	field := func(name string, x any) error {
		b, err := encode(x, "  ", true)
		if err != nil {
			return err
		}
		if !first {
			w.WriteString(",\n")
		}
		first = false
		w.WriteString("  \"" + name + "\": ")
		w.Write(b)
		return nil
	}
	w.WriteString("{\n")
	var sq *int
	if v.sq >= 0 {
		n := statespace.Number(v.sq)
		sq = &n
	}
	fields := []struct {
		name string
		x    any
	}{
		{"$schema", SchemaID},
		{"kind", kind},
		{"format_version", FormatVersion},
		{"model", modelJSON(v)},
	}
	if v.a != nil {
		names := []string{}
		for _, c := range v.cols {
			names = append(names, c.name)
		}
		fields = append(fields, struct {
			name string
			x    any
		}{"concepts", names})
	}
	fields = append(fields, struct {
		name string
		x    any
	}{"status_quo", sq})
	for _, f := range fields {
		if err := field(f.name, f.x); err != nil {
			return err
		}
	}
	w.WriteString(",\n  \"states\": [")
	enc, err := newStateEncoder(v)
	if err != nil {
		return err
	}
	var b []byte
	for s := 0; s < v.ss.Len(); s++ {
		if enc != nil {
			b, err = enc.appendState(b[:0], s)
		} else {
			b, err = encode(stateJSON(v, s), "", false)
		}
		if err != nil {
			return err
		}
		if s > 0 {
			w.WriteString(",")
		}
		w.WriteString("\n    ")
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	w.WriteString("\n  ]")
	if v.a != nil {
		if err := field("equilibria", equilibriaJSON(v)); err != nil {
			return err
		}
		if v.hasStrength() {
			if err := field("strong_equilibria", strongEquilibriaJSON(v)); err != nil {
				return err
			}
		}
		if v.mixed != nil {
			if err := field("mixed", mixedJSON(v)); err != nil {
				return err
			}
		}
	}
	if err := field("definitions", definitionsJSON(v)); err != nil {
		return err
	}
	w.WriteString("\n}\n")
	return w.Flush()
}
