package gmcrplus

import (
	"strconv"
	"strings"
)

// Error is a problem found in a GMCR+ 0.4.1 save file. Its message starts
// with the file name, then the line and column when known, then the JSON
// path of the offending value, for example
//
//	elmira.gmcr:12:20: decisionMakers[1].options[2]: option index 7 out of range (file has 5 options)
type Error struct {
	File string // the file name given to Decode or Read
	Line int    // 1-based; 0 when unknown
	Col  int    // 1-based, in characters; 0 when unknown
	Path string // JSON path such as "decisionMakers[1].options[2]"; empty for syntax errors
	Msg  string
}

// Error formats e as "file:line:col: path: message".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Col))
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}
