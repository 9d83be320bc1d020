// Package web serves kycd's pages: the applicant's journey (register,
// confirm, the level overview, the application steps and the status),
// the reviewer desk and the operator dashboard. Pages are Go templates
// rendered on the server and embedded in the binary with the stylesheet and
// the script bundle (static/app.js, built from src/ by build.sh and
// committed, so running kycd needs no Node.js).
//
// Forms post back to the pages with a CSRF token (double-submit cookie).
// The live parts — identity checks while typing, resumable uploads —
// call the JSON API from the script with the same session cookie. Every
// visible string comes from the reason catalogue (reason/catalog/web.yaml),
// in English and Simplified Chinese.
package web
