package main

import (
	"github.com/kycd/kycd"
	"github.com/kycd/kycd/reason"
)

func reasonMessage(code string, e *kycd.Error) string {
	var params []string
	if e != nil {
		params = e.Params
	}
	f := reason.New(code, params...).Localize("en")
	if f.Fix != "" {
		return f.Message + " " + f.Fix
	}
	return f.Message
}
