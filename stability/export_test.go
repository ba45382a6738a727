package stability

// SetSimFast switches the fast SIM pass on or off (tests only) and returns
// the previous setting.
func SetSimFast(on bool) bool {
	old := simFast
	simFast = on
	return old
}

// SimFastOK reports whether the fast SIM pass applies to ss.
var SimFastOK = simFastOK
