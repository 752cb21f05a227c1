// The Go consumer of the exported schema: the types quicktype generates (taxonomy.go, made by
// tests/consumers/run with `quicktype -s schema error-taxonomy.schema.json --lang go`) hold
// every code of schema/codes.json, and decode every good payload sample.
//
//	go run . REPOSITORY_ROOT
package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// generatedCodes reads taxonomy.go: the string constants of each `type X string`.
func generatedCodes() (map[string]map[string]bool, error) {
	file, err := parser.ParseFile(token.NewFileSet(), "taxonomy.go", nil, 0)
	if err != nil {
		return nil, err
	}
	codes := map[string]map[string]bool{}
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			value := spec.(*ast.ValueSpec)
			ident, ok := value.Type.(*ast.Ident)
			if !ok || len(value.Values) != 1 {
				continue
			}
			literal, ok := value.Values[0].(*ast.BasicLit)
			if !ok || literal.Kind != token.STRING {
				continue
			}
			code, err := strconv.Unquote(literal.Value)
			if err != nil {
				return nil, err
			}
			if codes[ident.Name] == nil {
				codes[ident.Name] = map[string]bool{}
			}
			codes[ident.Name][code] = true
		}
	}
	return codes, nil
}

type catalogue struct {
	Tables []struct {
		Table string `json:"table"`
		Type  string `json:"type"`
		Codes []struct {
			Code string `json:"code"`
		} `json:"codes"`
	} `json:"tables"`
}

// compareCodes checks that each table of codes.json is one Go type with exactly its codes.
func compareCodes(root string, generated map[string]map[string]bool) error {
	raw, err := os.ReadFile(filepath.Join(root, "schema", "codes.json"))
	if err != nil {
		return err
	}
	var codes catalogue
	if err := json.Unmarshal(raw, &codes); err != nil {
		return err
	}
	for _, table := range codes.Tables {
		// quicktype writes acronyms in capitals: RecallHttpStatus is RecallHTTPStatus.
		var found map[string]bool
		for name, values := range generated {
			if strings.EqualFold(name, table.Type) {
				found = values
			}
		}
		if found == nil {
			return fmt.Errorf("no Go type for %s (%s)", table.Type, table.Table)
		}
		if len(found) != len(table.Codes) {
			return fmt.Errorf("%s: %d codes in Go, %d in codes.json", table.Type, len(found), len(table.Codes))
		}
		for _, code := range table.Codes {
			if !found[code.Code] {
				return fmt.Errorf("%s: no Go constant for %q", table.Type, code.Code)
			}
		}
		fmt.Printf("%-20s %3d codes, as in codes.json\n", table.Type, len(table.Codes))
	}
	return nil
}

// decode reads a sample of a $defs type into the generated type; a union is read in two steps,
// its version or event first.
func decode(def string, raw []byte) error {
	var peek map[string]json.RawMessage
	_ = json.Unmarshal(raw, &peek)
	switch def {
	case "MeetbotJobFailed":
		if string(peek["version"]) == "2" {
			var v MeetbotJobFailedV2
			return json.Unmarshal(raw, &v)
		}
		var v MeetbotJobFailedV1
		return json.Unmarshal(raw, &v)
	case "RecallStatusWebhook":
		if string(peek["event"]) == `"bot.status_change"` {
			var v RecallStatusWebhookLegacy
			return json.Unmarshal(raw, &v)
		}
		var v RecallStatusWebhookCurrent
		return json.Unmarshal(raw, &v)
	case "RecallStatusChange":
		var v RecallStatusChange
		return json.Unmarshal(raw, &v)
	case "RecallErrorBody":
		var v RecallErrorBody
		return json.Unmarshal(raw, &v)
	case "HiringProblem":
		var v HiringProblem
		return json.Unmarshal(raw, &v)
	case "MeetbotFailureCode":
		var v MeetbotFailureCode
		return json.Unmarshal(raw, &v)
	case "HiringErrorCode":
		var v HiringErrorCode
		return json.Unmarshal(raw, &v)
	}
	return fmt.Errorf("no Go type for samples of %s", def)
}

func run(root string) error {
	generated, err := generatedCodes()
	if err != nil {
		return err
	}
	if err := compareCodes(root, generated); err != nil {
		return err
	}
	dir := filepath.Join(root, "tests", "consumers", "samples", "good")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	names := []string{}
	for _, entry := range entries {
		names = append(names, entry.Name())
	}
	sort.Strings(names)
	for _, name := range names {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		err = decode(strings.SplitN(name, "--", 2)[0], raw)
		// JSON Schema counts 2.0 as the integer 2; Go's decoder refuses it for an integer field
		// (README, "Go"). The samples that write integers so are the ones named so.
		integralFloat := strings.Contains(name, "integral-float")
		switch {
		case err != nil && !integralFloat:
			return fmt.Errorf("good/%s: %v", name, err)
		case err == nil && integralFloat:
			return fmt.Errorf("good/%s: Go read 2.0 as an integer, which the README says it does not", name)
		case err != nil:
			fmt.Printf("good/%s: refused, as the README says: %v\n", name, err)
		}
	}
	fmt.Printf("decoded the %d good samples\n", len(names))
	// Go's decoder does not validate: a misspelled code decodes into the closed type. A payload
	// goes through a JSON Schema validator first (README, "Go").
	var misspelled MeetbotFailureCode
	if err := json.Unmarshal([]byte(`"host_denid_admission"`), &misspelled); err != nil {
		return fmt.Errorf("a misspelled code was refused, which the README says Go does not do: %v", err)
	}
	fmt.Println("a misspelled code decodes without error: Go validates nothing")
	return nil
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run . REPOSITORY_ROOT")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "go consumer:", err)
		os.Exit(1)
	}
}
