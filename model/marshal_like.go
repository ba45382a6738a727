package model

import (
	"bytes"
	"reflect"
	"slices"

	"gopkg.in/yaml.v3"
)

// MarshalLike is Marshal for a model edited from the YAML file like (the
// text the model was read from before an edit, as the workbench's forms
// make one): it writes the same model, with like's comments and layout
// kept where the two files agree. A comment stays attached to the mapping
// key, sequence item or scalar it was written at, found in the new file
// by its path (mapping keys; list items by their id, statement or ref,
// else by position); mapping keys keep like's order, new keys following
// their predecessors; a flow-style list or mapping ([a, b]) stays in flow
// style, and a scalar left unchanged keeps its quoting or block style.
// Comments on what the edit removed are dropped.
//
// When like is not a YAML mapping written in block style (empty, JSON, or
// not parseable), or when keeping its layout would change what the file
// means (checked by reading both back as plain YAML data), MarshalLike
// returns Marshal's output. Errors: Marshal's.
func MarshalLike(m *Model, like []byte) ([]byte, error) {
	out, err := Marshal(m)
	if err != nil {
		return nil, err
	}
	var old, cur yaml.Node
	if yaml.Unmarshal(like, &old) != nil || len(old.Content) != 1 || old.Content[0].Kind != yaml.MappingNode || old.Content[0].Style&yaml.FlowStyle != 0 {
		return out, nil
	}
	if err := yaml.Unmarshal(out, &cur); err != nil || len(cur.Content) != 1 {
		return out, nil
	}
	copyComments(&old, &cur)
	keepLayout(old.Content[0], cur.Content[0])
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if enc.Encode(&cur) != nil || enc.Close() != nil {
		return out, nil
	}
	// The layout must not change the data: compare both files as plain
	// YAML values (mapping order aside).
	var want, got any
	if yaml.Unmarshal(out, &want) != nil || yaml.Unmarshal(buf.Bytes(), &got) != nil || !reflect.DeepEqual(want, got) {
		return out, nil
	}
	return buf.Bytes(), nil
}

// copyComments gives to the node the comments of its counterpart in like.
func copyComments(like, n *yaml.Node) {
	if n.HeadComment == "" {
		n.HeadComment = like.HeadComment
	}
	if n.LineComment == "" {
		n.LineComment = like.LineComment
	}
	if n.FootComment == "" {
		n.FootComment = like.FootComment
	}
}

// keepLayout copies comments and styles from like to n, the same part of
// the edited file, and recurses into the parts both have.
func keepLayout(like, n *yaml.Node) {
	copyComments(like, n)
	if like.Kind != n.Kind {
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		// A folded scalar (>) would be written on one long line: yaml.v3
		// does not fold it again, so Marshal's own style is kept.
		if like.Value == n.Value && like.Tag == n.Tag && like.Style&yaml.FoldedStyle == 0 {
			n.Style = like.Style
		}
	case yaml.MappingNode:
		n.Style |= like.Style & yaml.FlowStyle
		keepMapping(like, n)
	case yaml.SequenceNode:
		n.Style |= like.Style & yaml.FlowStyle
		keepSequence(like, n)
	}
}

// keepMapping matches n's keys with like's, keeps like's key order and
// recurses into the values.
func keepMapping(like, n *yaml.Node) {
	index := map[string]int{}
	for i := 0; i+1 < len(like.Content); i += 2 {
		if _, dup := index[like.Content[i].Value]; !dup {
			index[like.Content[i].Value] = i
		}
	}
	type pair struct {
		key, value *yaml.Node
		rank       int // position of the key in like, or of its predecessor's
		order      int
	}
	var pairs []pair
	rank := -1
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if j, ok := index[k.Value]; ok {
			copyComments(like.Content[j], k)
			keepLayout(like.Content[j+1], v)
			rank = j
		}
		pairs = append(pairs, pair{k, v, rank, i})
	}
	slices.SortStableFunc(pairs, func(a, b pair) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		return a.order - b.order
	})
	n.Content = n.Content[:0]
	for _, p := range pairs {
		n.Content = append(n.Content, p.key, p.value)
	}
}

// itemKey identifies a list item across an edit: a mapping's id,
// statement or ref, a scalar's value; "" when it has none.
func itemKey(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return "=" + n.Value
	case yaml.MappingNode:
		for _, k := range []string{"id", "statement", "ref", "cut"} {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == k && n.Content[i+1].Kind == yaml.ScalarNode {
					return k + "=" + n.Content[i+1].Value
				}
			}
		}
	}
	return ""
}

// keepSequence matches n's items with like's, by key first, then an item
// still unmatched by position when like's item there was not kept
// elsewhere (an edited item), and recurses into the pairs.
func keepSequence(like, n *yaml.Node) {
	byKey := map[string]int{}
	for i, it := range like.Content {
		if k := itemKey(it); k != "" {
			if _, dup := byKey[k]; !dup {
				byKey[k] = i
			}
		}
	}
	used := make([]bool, len(like.Content))
	match := make([]int, len(n.Content))
	for j, it := range n.Content {
		match[j] = -1
		if i, ok := byKey[itemKey(it)]; ok && itemKey(it) != "" && !used[i] {
			match[j], used[i] = i, true
		}
	}
	newKeys := map[string]bool{}
	for _, it := range n.Content {
		newKeys[itemKey(it)] = true
	}
	for j := range n.Content {
		if match[j] >= 0 || j >= len(like.Content) || used[j] {
			continue
		}
		if k := itemKey(like.Content[j]); k != "" && newKeys[k] {
			continue // that item moved: its comments went with it
		}
		match[j], used[j] = j, true
	}
	for j, i := range match {
		if i >= 0 {
			keepLayout(like.Content[i], n.Content[j])
		}
	}
}
