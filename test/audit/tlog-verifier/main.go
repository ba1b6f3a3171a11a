// tlog-verifier checks the audit app's signed checkpoints and proofs with the
// standard transparency-log libraries only: golang.org/x/mod/sumdb/note for
// signed notes, github.com/transparency-dev/formats/log for checkpoints and
// github.com/transparency-dev/merkle for RFC 9162 proofs. None of Pxxl Keys'
// code takes part. It reads one JSON job on stdin and writes one JSON verdict.
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"

	"github.com/transparency-dev/formats/log"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/note"
)

type inclusion struct {
	Entry string   `json:"entry"` // the NDJSON export line, without its newline: the leaf bytes
	Index uint64   `json:"index"`
	Proof []string `json:"proof"`
}

type job struct {
	VerifierKey      string      `json:"verifierKey"`
	Origin           string      `json:"origin"`
	Checkpoint       string      `json:"checkpoint"`
	Earlier          string      `json:"earlier"`
	ConsistencyProof []string    `json:"consistencyProof"`
	Inclusions       []inclusion `json:"inclusions"`
	WitnessKeys      []string    `json:"witnessKeys"`
}

type result struct {
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
	Size  uint64 `json:"size,omitempty"`
	Root  string `json:"root,omitempty"`
	// Witnesses whose cosignature verified, by name.
	Cosigned []string `json:"cosigned,omitempty"`
}

type verdict struct {
	Checkpoint  result   `json:"checkpoint"`
	Earlier     *result  `json:"earlier,omitempty"`
	Consistency *result  `json:"consistency,omitempty"`
	Inclusions  []result `json:"inclusions"`
}

func fail(err error) result { return result{OK: false, Error: err.Error()} }

func decodeAll(hashes []string) ([][]byte, error) {
	out := make([][]byte, 0, len(hashes))
	for _, h := range hashes {
		b, err := base64.StdEncoding.DecodeString(h)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

func openCheckpoint(text string, verifier note.Verifier, origin string, witnesses []note.Verifier) (*log.Checkpoint, result) {
	cp, _, n, err := log.ParseCheckpoint([]byte(text), origin, verifier, witnesses...)
	if err != nil {
		return nil, fail(err)
	}
	r := result{OK: true, Size: cp.Size, Root: base64.StdEncoding.EncodeToString(cp.Hash)}
	for _, sig := range n.Sigs {
		if sig.Name != verifier.Name() || sig.Hash != verifier.KeyHash() {
			r.Cosigned = append(r.Cosigned, sig.Name)
		}
	}
	return cp, r
}

func main() {
	var j job
	if err := json.NewDecoder(os.Stdin).Decode(&j); err != nil {
		fmt.Fprintln(os.Stderr, "bad job:", err)
		os.Exit(2)
	}
	verifier, err := note.NewVerifier(j.VerifierKey)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad verifier key:", err)
		os.Exit(2)
	}
	var witnesses []note.Verifier
	for _, k := range j.WitnessKeys {
		w, err := note.NewVerifier(k)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bad witness key:", err)
			os.Exit(2)
		}
		witnesses = append(witnesses, w)
	}
	hasher := rfc6962.DefaultHasher
	v := verdict{Inclusions: []result{}}
	cp, r := openCheckpoint(j.Checkpoint, verifier, j.Origin, witnesses)
	v.Checkpoint = r
	if j.Earlier != "" {
		earlier, er := openCheckpoint(j.Earlier, verifier, j.Origin, witnesses)
		v.Earlier = &er
		if earlier != nil && cp != nil {
			c := result{OK: true}
			p, err := decodeAll(j.ConsistencyProof)
			if err == nil {
				err = proof.VerifyConsistency(hasher, earlier.Size, cp.Size, p, earlier.Hash, cp.Hash)
			}
			if err != nil {
				c = fail(err)
			}
			v.Consistency = &c
		}
	}
	for _, inc := range j.Inclusions {
		if cp == nil {
			v.Inclusions = append(v.Inclusions, result{OK: false, Error: "no verified checkpoint"})
			continue
		}
		p, err := decodeAll(inc.Proof)
		if err == nil {
			err = proof.VerifyInclusion(hasher, inc.Index, cp.Size, hasher.HashLeaf([]byte(inc.Entry)), p, cp.Hash)
		}
		if err != nil {
			v.Inclusions = append(v.Inclusions, fail(err))
		} else {
			v.Inclusions = append(v.Inclusions, result{OK: true})
		}
	}
	out, _ := json.Marshal(v)
	fmt.Println(string(out))
}
