package kycd_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoServiceFieldAssignedAfterConstruction: everything a Service is
// built from goes through Options, so NewService validates it and no
// adapter, command or test changes a running service behind its back. The
// check is syntactic (an assignment to a field of something named svc),
// which is how every such assignment in this tree was spelt.
func TestNoServiceFieldAssignedAfterConstruction(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "third_party") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok {
				return true
			}
			for _, lhs := range as.Lhs {
				if base := serviceBase(lhs); base != "" {
					t.Errorf("%s: %s is assigned after NewService; give it to Options instead", fset.Position(as.Pos()), base)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// serviceBase returns the field path when e is a field (or a field's
// field) of an expression named svc, such as a.svc.Checks or
// svc.Limiter.Counter.
func serviceBase(e ast.Expr) string {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	path := sel.Sel.Name
	for x := sel.X; ; {
		switch v := x.(type) {
		case *ast.Ident:
			if v.Name == "svc" {
				return "svc." + path
			}
			return ""
		case *ast.SelectorExpr:
			if v.Sel.Name == "svc" {
				return "svc." + path
			}
			path = v.Sel.Name + "." + path
			x = v.X
		default:
			return ""
		}
	}
}
