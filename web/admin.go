package web

import (
	"html/template"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
)

type dashboardData struct {
	Days       int
	Ranges     []int
	Stats      *kycd.Stats
	Funnel     template.HTML
	Rejections template.HTML
	Prechecks  template.HTML
	// RejectionsKey and PrechecksKey are the charts' legends.
	RejectionsKey, PrechecksKey template.HTML
	SLA                         template.HTML
	Deliveries                  []*kycd.Delivery
}

func (s *server) handleDashboard(w http.ResponseWriter, r *http.Request) {
	rc := reqOf(r)
	days, _ := strconv.Atoi(r.URL.Query().Get("days"))
	if days != 7 && days != 30 && days != 90 {
		days = 30
	}
	now := s.svc.Now()
	from := now.Add(-time.Duration(days-1) * 24 * time.Hour)
	st, err := s.svc.Stats(r.Context(), rc.Principal, from, now)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	dels, err := s.svc.WebhookDeliveries(r.Context(), 50)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(r, "web.admin.title", nil)
	d := dashboardData{Days: days, Ranges: []int{7, 30, 90}, Stats: st, Deliveries: dels}
	var bars []bar
	for _, f := range st.Funnel {
		bars = append(bars, bar{Label: p.T("web.admin.funnel." + f.Key), Value: f.Count})
	}
	d.Funnel = funnelSVG(p.T("web.admin.funnel"), bars)
	rej, pre := reasonSeries(st.Rejections, rc.Lang), reasonSeries(st.Prechecks, rc.Lang)
	d.Rejections = linesSVG(p.T("web.admin.rejections"), p.T("web.admin.no_data"), st.Days, rej)
	d.Prechecks = linesSVG(p.T("web.admin.prechecks"), p.T("web.admin.no_data"), st.Days, pre)
	d.RejectionsKey, d.PrechecksKey = legendHTML(rej), legendHTML(pre)
	d.SLA = gaugeSVG(p.T("web.admin.sla"), st.SLA.OnTime, st.SLA.Decided)
	p.Data = d
	s.render(w, r, http.StatusOK, "admin", p)
}

// placeholder is a catalogue parameter in a message: {name}.
var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// reasonSeries labels each code with its catalogue message, so the chart
// reads in the operator's language; the code stays for searching logs.
func reasonSeries(rs []kycd.ReasonSeries, lang string) []series {
	var out []series
	for _, r := range rs {
		label := r.Code
		if e, ok := reason.Lookup(r.Code); ok {
			// A message speaks of one case ("you typed {typed}"); for
			// the total its parameters are left out, not shown as {typed}.
			label = r.Code + " — " + placeholder.ReplaceAllString(e.Text[lang].Message, "…")
		}
		out = append(out, series{Label: label + " (" + strconv.Itoa(r.Total) + ")", Counts: r.Counts})
	}
	return out
}
