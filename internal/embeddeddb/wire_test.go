package embeddeddb

import (
	"encoding/binary"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// TestInspectClassifies: reads pass, everything else (including commands
// this code does not know) is a write, keyed by database or collection.
func TestInspectClassifies(t *testing.T) {
	pipeline := func(stage string) bson.A {
		return bson.A{bson.D{{Key: "$match", Value: bson.D{}}}, bson.D{{Key: stage, Value: "x"}}}
	}
	for _, tc := range []struct {
		body        bson.D
		write       bool
		key, collKy string
	}{
		{body: find("d")},
		{body: bson.D{{Key: "aggregate", Value: "c"}, {Key: "pipeline", Value: pipeline("$count")}, {Key: "$db", Value: "d"}}},
		{body: bson.D{{Key: "hello", Value: 1}, {Key: "$db", Value: "admin"}}},
		{body: bson.D{{Key: "getMore", Value: int64(5)}, {Key: "collection", Value: "c"}, {Key: "$db", Value: "d"}}},
		{body: update("d"), write: true, key: "d", collKy: "d.c"},
		{body: bson.D{{Key: "insert", Value: "c"}, {Key: "$db", Value: "d"}}, write: true, key: "d", collKy: "d.c"},
		{body: bson.D{{Key: "findAndModify", Value: "c"}, {Key: "$db", Value: "d"}}, write: true, key: "d", collKy: "d.c"},
		{body: bson.D{{Key: "createIndexes", Value: "c"}, {Key: "$db", Value: "d"}}, write: true, key: "d", collKy: "d.c"},
		{body: bson.D{{Key: "dropDatabase", Value: 1}, {Key: "$db", Value: "d"}}, write: true, key: "d", collKy: "d"},
		{body: bson.D{{Key: "somethingNew", Value: "c"}, {Key: "$db", Value: "d"}}, write: true, key: "d", collKy: "d.c"},
		{body: bson.D{{Key: "aggregate", Value: "c"}, {Key: "pipeline", Value: pipeline("$out")}, {Key: "$db", Value: "d"}}, write: true, key: "d", collKy: "d.c"},
		{body: bson.D{{Key: "aggregate", Value: "c"}, {Key: "pipeline", Value: pipeline("$merge")}, {Key: "$db", Value: "d"}}, write: true, key: "d", collKy: "d.c"},
		{body: bson.D{{Key: "renameCollection", Value: "d.c"}, {Key: "to", Value: "d.e"}, {Key: "$db", Value: "admin"}}, write: true, key: "d", collKy: "d.c"},
	} {
		msg := opMsgBytes(t, 9, 0, tc.body)
		for mode, want := range map[Serialization]string{PerDatabase: tc.key, PerCollection: tc.collKy} {
			r, need := inspect(msg, mode)
			if need != 0 || r.opaque || r.write != tc.write || r.key != want || r.requestID != 9 || r.length != int32(len(msg)) {
				t.Errorf("%v %v: need %d, %+v; want write %v key %q", mode, tc.body, need, r, tc.write, want)
			}
		}
	}
}

// TestInspectNeeds: on every prefix of a message inspect asks for more,
// within the message, until the command is complete; then it decides.
func TestInspectNeeds(t *testing.T) {
	msg := opMsgBytes(t, 3, flagChecksumPresent, update("d"), bson.D{{Key: "x", Value: 1}})
	bodyEnd := headerLen + 4 + 1 + int(binary.LittleEndian.Uint32(msg[headerLen+5:]))
	for n := range len(msg) + 1 {
		r, need := inspect(msg[:n], PerDatabase)
		switch {
		case n < bodyEnd && (need <= n || need > bodyEnd):
			t.Errorf("prefix %d: need %d, want in (%d, %d]", n, need, n, bodyEnd)
		case n >= bodyEnd && (need != 0 || !r.write || r.key != "d"):
			t.Errorf("prefix %d: need %d, %+v", n, need, r)
		}
	}
	// The sequence may come first.
	seqFirst := opMsgBytes(t, 4, 0, bson.D{{Key: "insert", Value: "c"}, {Key: "$db", Value: "d"}})
	withSeq := opMsgBytes(t, 4, 0, bson.D{{Key: "ok", Value: 1}}, bson.D{{Key: "x", Value: 1}})
	seq := withSeq[headerLen+4+1+int(binary.LittleEndian.Uint32(withSeq[headerLen+5:])):] // the sequence section
	seqFirst = append(append(append([]byte{}, seqFirst[:headerLen+4]...), seq...), seqFirst[headerLen+4:]...)
	putHeader(seqFirst, 4, 0, opMsg)
	if r, need := inspect(seqFirst, PerDatabase); need != 0 || !r.write || r.key != "d" {
		t.Errorf("sequence before the body: need %d, %+v", need, r)
	}
}

// TestInspectMalformed: a length below the header's makes the stream
// opaque; a malformed OP_MSG is passed (the server refuses it).
func TestInspectMalformed(t *testing.T) {
	if r, need := inspect([]byte{3, 0, 0, 0}, PerDatabase); need != 0 || !r.opaque {
		t.Errorf("length 3: need %d, %+v", need, r)
	}
	bad := opMsgBytes(t, 1, 0, update("d"))
	binary.LittleEndian.PutUint32(bad[headerLen+5:], 1<<20) // body longer than the message
	if r, need := inspect(bad, PerDatabase); need != 0 || r.write || r.opaque {
		t.Errorf("oversized body: need %d, %+v", need, r)
	}
	bad = opMsgBytes(t, 1, 0, update("d"))
	bad[headerLen+4] = 7 // unknown section kind
	if r, need := inspect(bad, PerDatabase); need != 0 || r.write {
		t.Errorf("unknown section: need %d, %+v", need, r)
	}
}

// FuzzInspect: no input panics inspect, and a need is always more than
// what it was given.
func FuzzInspect(f *testing.F) {
	f.Add(opMsgBytes(f, 1, 0, update("d")))
	f.Add(opMsgBytes(f, 1, flagChecksumPresent|flagMoreToCome, find("d"), bson.D{{Key: "x", Value: 1}}))
	f.Add([]byte{20, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, mode := range []Serialization{PerDatabase, PerCollection} {
			r, need := inspect(b, mode)
			if need != 0 && need <= len(b) {
				t.Fatalf("need %d with %d bytes", need, len(b))
			}
			if need != 0 && len(b) >= 4 && need > int(binary.LittleEndian.Uint32(b)) && !r.opaque && len(b) >= headerLen {
				t.Fatalf("need %d beyond the message length %d", need, binary.LittleEndian.Uint32(b))
			}
		}
	})
}
