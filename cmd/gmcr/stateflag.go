package main

// stateValue is an optional --state flag's value: an empty one (a shell
// variable that was never set) is refused rather than read as "every
// state".
func stateValue(p *string) *nonEmpty {
	return &nonEmpty{p, "give a state number, a Y/N pattern, a state id or sq, or leave --state out for every state"}
}
