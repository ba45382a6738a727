package reach

// PathSearches returns how many Searcher.Path calls fell back to Search.
func PathSearches() int64 { return pathSearches.Load() }
