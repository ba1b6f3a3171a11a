// tlog-verifier checks the audit app's signed checkpoints and proofs with the
// standard transparency-log libraries only: golang.org/x/mod/sumdb/note for
// signed notes, github.com/transparency-dev/formats/log for checkpoints and
// github.com/transparency-dev/merkle for RFC 9162 proofs, and
// github.com/transparency-dev/formats/note for C2SP tlog-cosignature
// (cosignature/v1). None of Pxxl Keys' code takes part. It reads one JSON job
// on stdin and writes one JSON verdict.
//
// It also acts as a witness: given a witness signer key, it checks the
// checkpoint the way a witness does (the log's signature, and consistency with
// the checkpoint it saw before when one is given) and answers the cosignature
// lines a C2SP tlog-witness add-checkpoint call answers.
package main

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/transparency-dev/formats/log"
	fnote "github.com/transparency-dev/formats/note"
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
	// cosignature/v1 verifier keys: each must have cosigned the checkpoint (and the earlier one).
	WitnessKeys []string `json:"witnessKeys"`
	// Act as a witness with this signer key (PRIVATE+KEY+…): cosign the checkpoint if it verifies.
	WitnessSignerKey string `json:"witnessSignerKey"`
	// Make a witness key pair with this name instead of verifying anything.
	GenerateWitness string `json:"generateWitness"`
}

type witnessKeys struct {
	SignerKey   string `json:"signerKey"`
	VerifierKey string `json:"verifierKey"` // cosignature/v1 (type 0x04)
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
	// As a witness: the signature lines an add-checkpoint call answers.
	Cosignature string `json:"cosignature,omitempty"`
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
	for _, w := range witnesses {
		found := false
		for _, sig := range n.Sigs {
			found = found || (sig.Name == w.Name() && sig.Hash == w.KeyHash())
		}
		if !found {
			return nil, result{OK: false, Error: fmt.Sprintf("no valid cosignature by witness %s+%08x", w.Name(), w.KeyHash())}
		}
	}
	return cp, r
}

func generateWitness(name string) witnessKeys {
	skey, vkey, err := note.GenerateKey(rand.Reader, name)
	if err == nil {
		vkey, err = fnote.VKeyToCosignatureV1(vkey)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cannot make a witness key:", err)
		os.Exit(2)
	}
	return witnessKeys{SignerKey: skey, VerifierKey: vkey}
}

// cosign answers the cosignature lines for a checkpoint the witness verified.
func cosign(signerKey, checkpoint string) (string, error) {
	signer, err := fnote.NewSignerForCosignatureV1(signerKey)
	if err != nil {
		return "", err
	}
	text := checkpoint[:strings.Index(checkpoint, "\n\n")+1]
	signed, err := note.Sign(&note.Note{Text: text}, signer)
	if err != nil {
		return "", err
	}
	return strings.TrimPrefix(string(signed), text+"\n"), nil
}

func main() {
	var j job
	if err := json.NewDecoder(os.Stdin).Decode(&j); err != nil {
		fmt.Fprintln(os.Stderr, "bad job:", err)
		os.Exit(2)
	}
	if j.GenerateWitness != "" {
		out, _ := json.Marshal(generateWitness(j.GenerateWitness))
		fmt.Println(string(out))
		return
	}
	verifier, err := note.NewVerifier(j.VerifierKey)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad verifier key:", err)
		os.Exit(2)
	}
	var witnesses []note.Verifier
	for _, k := range j.WitnessKeys {
		w, err := fnote.NewVerifierForCosignatureV1(k)
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
		earlier, er := openCheckpoint(j.Earlier, verifier, j.Origin, nil) // witnesses are required on the current one
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
	consistent := v.Consistency == nil || v.Consistency.OK
	if j.WitnessSignerKey != "" && v.Checkpoint.OK && consistent {
		// A witness cosigns only a checkpoint signed by the log that extends the one it saw before.
		lines, err := cosign(j.WitnessSignerKey, j.Checkpoint)
		if err != nil {
			fmt.Fprintln(os.Stderr, "cannot cosign:", err)
			os.Exit(2)
		}
		v.Cosignature = lines
	}
	out, _ := json.Marshal(v)
	fmt.Println(string(out))
}
