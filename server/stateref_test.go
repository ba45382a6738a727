package server

import (
	"encoding/json"
	"strings"
	"testing"
)

// withState is body marshalled with its "state" replaced by the raw JSON
// value state.
func withState(t *testing.T, body any, state string) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	m["state"] = json.RawMessage(state)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// docs/api.md says "state" is a number, a Y/N pattern or "sq": a JSON
// number must work as well as a string.
func TestStateAsNumberOrString(t *testing.T) {
	_, ts := newTest(t, Config{})
	explain := func(state string) (int, Document, apiError) {
		var raw json.RawMessage
		code := call(t, ts, "POST", "/api/explain", withState(t, ExplainRequest{Input: pd(t), DM: "P1", Concept: "Nash"}, state), &raw)
		var d Document
		var e apiError
		json.Unmarshal(raw, &d)
		json.Unmarshal(raw, &e)
		return code, d, e
	}
	code, byNumber, e := explain(`2`)
	if code != 200 {
		t.Fatalf("state 2 as a number: %d %s", code, e.Error)
	}
	for _, s := range []string{`"2"`, `" 2 "`} {
		if code, d, e := explain(s); code != 200 || d.Text != byNumber.Text {
			t.Errorf("state %s: %d %s\n%s\nwant\n%s", s, code, e.Error, d.Text, byNumber.Text)
		}
	}
	if code, _, e := explain(`9`); code != 422 || !strings.Contains(e.Error, "1..4") {
		t.Errorf("state 9: %d %q", code, e.Error)
	}
	for _, s := range []string{`1.5`, `true`, `[1]`} {
		if code, _, e := explain(s); code != 400 || !strings.Contains(e.Error, "state") {
			t.Errorf("state %s: %d %q", s, code, e.Error)
		}
	}

	var byNum, byStr Ranking
	if code := call(t, ts, "POST", "/api/ranking", withState(t, RankingRequest{Input: pd(t), DM: "P1"}, `2`), &byNum); code != 200 {
		t.Fatalf("ranking, state 2 as a number: %d", code)
	}
	call(t, ts, "POST", "/api/ranking", RankingRequest{Input: pd(t), DM: "P1", State: "2"}, &byStr)
	if byNum.State == nil || byStr.State == nil || byNum.State.Number != byStr.State.Number || byNum.State.Rank != byStr.State.Rank {
		t.Errorf("ranking: %+v vs %+v", byNum.State, byStr.State)
	}
	var none Ranking
	if code := call(t, ts, "POST", "/api/ranking", withState(t, RankingRequest{Input: pd(t), DM: "P1"}, `null`), &none); code != 200 || none.State != nil {
		t.Errorf("ranking, state null: %d %+v", code, none.State)
	}
}
