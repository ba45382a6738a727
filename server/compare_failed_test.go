package server

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// A broken scenario does not fail /api/compare: the document gives it an
// error field, the others are compared, and a header names it.
func TestCompareFailedScenario(t *testing.T) {
	_, ts := newTest(t, Config{})
	src := "title: t\noptions: [{id: a}, {id: b}]\ndecision_makers:\n" +
		"  - {id: P1, options: [a], preferences: {statements: [a]}}\n" +
		"  - {id: P2, options: [b], preferences: {statements: [b]}}\n" +
		"scenarios:\n  - {id: good, forbid: [a]}\n  - {id: broken, force: [a], infeasible: [a]}\n"
	b, _ := json.Marshal(CompareRequest{Input: Input{Source: src, Name: "b.yaml"}})
	req, _ := http.NewRequest("POST", ts.URL+"/api/compare", bytes.NewReader(b))
	req.Header.Set(TokenHeader, testToken)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var d Document
	if err := json.NewDecoder(resp.Body).Decode(&d); err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Header.Get("X-Gmcr-Failed-Scenarios") != "broken" {
		t.Fatalf("%d %v\n%s", resp.StatusCode, resp.Header, d.Text)
	}
	var doc struct {
		Scenarios []struct {
			ID    string `json:"id"`
			Error string `json:"error"`
		} `json:"scenarios"`
	}
	if err := json.Unmarshal(d.Document, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Scenarios) != 2 || doc.Scenarios[0].Error != "" || !strings.Contains(doc.Scenarios[1].Error, "b.yaml:8:") {
		t.Errorf("scenarios %+v", doc.Scenarios)
	}
	if !strings.Contains(d.Text, "Could not be analysed") {
		t.Errorf("the text lacks the failure:\n%s", d.Text)
	}
	// An unknown scenario is still the request's error.
	var e apiError
	if code := call(t, ts, "POST", "/api/compare", CompareRequest{Input: Input{Source: src}, Scenarios: []string{"nope"}}, &e); code != 422 || !strings.Contains(e.Error, `unknown scenario "nope"`) {
		t.Errorf("%d %q", code, e.Error)
	}
}
