package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/gmcr/gmcr/examples"
	"github.com/gmcr/gmcr/server"
)

// A program can analyse a model through the API: POST its text, with the
// token, to /api/analyze.
func Example() {
	s, err := server.New(server.Config{Token: "a-secret-token-for-this-launch"})
	if err != nil {
		panic(err)
	}
	defer s.Close()
	ts := httptest.NewServer(s)
	defer ts.Close()

	ex, _ := examples.Get("prisoners-dilemma")
	body, _ := json.Marshal(server.Input{Source: string(ex.Data), Name: ex.File})
	req, _ := http.NewRequest("POST", ts.URL+"/api/analyze", bytes.NewReader(body))
	req.Header.Set(server.TokenHeader, "a-secret-token-for-this-launch")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	var a server.Analysis
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		panic(err)
	}
	fmt.Println(a.Summary.States, "states")
	for _, c := range a.Concepts {
		fmt.Println(c, a.Equilibria[c])
	}
	// Output:
	// 4 states
	// Nash [4]
	// GMR [1 4]
	// SMR [1 4]
	// SEQ [1 4]
	// SIM [1 4]
}
