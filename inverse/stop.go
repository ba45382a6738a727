package inverse

import "time"

// DefaultWork is the work limit the CLI and the server use unless told
// otherwise: enough solver conflicts for the questions of the README
// (the flagship "what makes today's state SEQ stable" among them) to be
// proven closest on any machine (it needs about 60,000).
const DefaultWork = 300_000 // also in the help of gmcr inverse

// stopRule says when the search for a proof stops. The work limit counts
// SAT-solver conflicts summed over every solver call of one question, so
// it stops the search at the same point on every machine; the deadline
// (wall-clock time) does not, and is only used when asked for.
type stopRule struct {
	deadline time.Time // zero: none
	maxWork  int64     // 0: none
	work     int64     // conflicts so far
}

func newStopRule(budget time.Duration, work int64) *stopRule {
	s := &stopRule{maxWork: max(work, 0)}
	if budget > 0 {
		s.deadline = time.Now().Add(budget)
	}
	return s
}

// expired reports whether the work limit is used up or the deadline has
// passed (nil: never).
func (s *stopRule) expired() bool {
	if s == nil {
		return false
	}
	return (s.maxWork > 0 && s.work >= s.maxWork) || (!s.deadline.IsZero() && time.Now().After(s.deadline))
}

// late reports whether the deadline has passed (checked inside solver
// calls, where the work limit is enforced by the conflict count).
func (s *stopRule) late() bool {
	return s != nil && !s.deadline.IsZero() && time.Now().After(s.deadline)
}

// left returns the conflicts still allowed (-1: no limit).
func (s *stopRule) left() int64 {
	if s == nil || s.maxWork <= 0 {
		return -1
	}
	return max(s.maxWork-s.work, 0)
}

// spend counts n more conflicts.
func (s *stopRule) spend(n int) {
	if s != nil {
		s.work += int64(n)
	}
}
