package main

import (
	"strings"

	"github.com/gmcr/gmcr/graphform"
	"github.com/gmcr/gmcr/model"
	"github.com/gmcr/gmcr/statespace"
)

// toGraphForm is convert --graph: the model in graph form, with a warning
// for the scenarios a graph-form model cannot hold.
func (e *env) toGraphForm(m *model.Model, to string, quiet bool) (*model.Model, error) {
	if to == "gmcr" {
		return nil, badInputf("--graph writes a model file (--to yaml or json); a GMCR+ file holds option form only")
	}
	if m.GraphForm() {
		return nil, badInputf("the model is already in graph form")
	}
	res, err := graphform.FromOptions(e.ctx, m, statespace.Options{MaxStates: statespace.DefaultMaxStates})
	if err != nil {
		return nil, engineError(e.ctx, err)
	}
	if len(res.Dropped) > 0 {
		e.warnf(quiet, "warning: scenarios %s change the states, which a graph-form model lists; they are left out", strings.Join(res.Dropped, ", "))
	}
	return res.Model, nil
}
