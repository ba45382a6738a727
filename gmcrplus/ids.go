package gmcrplus

import (
	"strconv"
	"strings"
)

// keywords of the statement language (model/statement); an id must not be
// one of them.
var keywords = map[string]bool{"not": true, "and": true, "or": true, "if": true, "iff": true}

// makeID turns a GMCR+ name into a readable, unique id: lowercase ASCII
// letters and digits, every other run of characters becoming one "_",
// leading and trailing "_" dropped. An id that would be empty, start with a
// digit or be a keyword of the statement language gets prefix in front
// ("o" for options, "dm" for decision makers); a taken id gets "_2", "_3",
// ... appended.
func makeID(name, prefix string, used map[string]bool) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			under = false
		} else if !under {
			b.WriteByte('_')
			under = true
		}
	}
	id := strings.Trim(b.String(), "_")
	switch {
	case id == "":
		id = prefix
	case id[0] >= '0' && id[0] <= '9':
		id = prefix + id
	case keywords[id]:
		id = prefix + "_" + id
	}
	if used[id] {
		for k := 2; ; k++ {
			c := id + "_" + strconv.Itoa(k)
			if !used[c] {
				id = c
				break
			}
		}
	}
	used[id] = true
	return id
}
