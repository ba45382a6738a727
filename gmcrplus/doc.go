// Package gmcrplus reads and writes the save files (".gmcr", JSON) of GMCR+
// version 0.4.1 (gmcr-py, the Python/Tk decision support system of
// Kinsara, Petersons, Hipel & Kilgour 2015) as a model.Model.
//
// # The GMCR+ 0.4.1 save file
//
// A save file is one JSON object:
//
//	options             [{"name": ..., "permittedDirection": "both"|"fwd"|"back"}]
//	                    (older files: "reversibility"; missing means "both")
//	decisionMakers      [{"name": ..., "options": [option index ...],
//	                      "preferences": [condition ...],
//	                      "preferenceRanking": [state | [tied states] ...],
//	                      "misperceptions": [condition ...]}]
//	                    (older files: "preferenceVector" for "preferenceRanking")
//	infeasibles         [condition ...]
//	useManualPreferenceRanking  bool (older files: useManualPreferenceVectors)
//	coalitions          [DM index | [DM index ...] ...]
//	program, version    strings, informative only
//
// A condition is a list of [option index, "Y"|"N"] pairs, all of which must
// hold (a conjunction), or an object {"compound": true, "members":
// [conjunction ...]} that holds when any member holds (a disjunction).
// GMCR+ 0.4.1 treats every object condition as compound whatever its
// "compound" flag says, and so does Decode; Decode also accepts an object
// {"condition": conjunction}. Other fields are ignored.
//
// GMCR+ numbers states after regrouping the options by DM (DMs in file
// order, each DM's options in the order of its "options" list); option k of
// that order adds 2^k to a state's decimal code, and feasible states sorted
// by code are numbered 1, 2, .... The model's DM option lists carry the same
// order, so state numbers in a preferenceRanking are the model's ordered
// state numbers unchanged.
//
// Decode turns conditions into statements over generated option ids (see
// Decode), a DM's misperceptions into its model.DM.Misperceived
// conditions, and returns what the model cannot hold (coalitions,
// statements hidden behind a manual ranking) in an Extras.
// Encode writes a model back, converting statements to the disjunctive
// normal form GMCR+ can hold.
package gmcrplus
