package embeddeddb

import (
	"encoding/binary"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// The parts of the MongoDB wire protocol the serializer reads. Every message
// starts with a 16-byte header of four little-endian int32: the message
// length (header included), the request id, the id of the request it
// answers, and the op code. The driver sends every command as OP_MSG: a
// uint32 of flag bits, then sections; a kind-0 section is one BSON document,
// the command, whose first key names it and whose "$db" names its database;
// a kind-1 section is an int32 size, a C-string identifier and documents
// (e.g. the documents of an insert).
const (
	headerLen = 16
	opMsg     = 2013

	flagChecksumPresent = 1 << 0 // a CRC-32C of the message follows the sections
	flagMoreToCome      = 1 << 1 // the receiver sends no reply

	sectionBody     = 0
	sectionSequence = 1
)

// header is a wire message's header.
type header struct {
	length, requestID, responseTo, opCode int32
}

// parseHeader decodes the header at the start of b (at least headerLen
// bytes).
func parseHeader(b []byte) header {
	return header{
		length:     int32(binary.LittleEndian.Uint32(b[0:])),
		requestID:  int32(binary.LittleEndian.Uint32(b[4:])),
		responseTo: int32(binary.LittleEndian.Uint32(b[8:])),
		opCode:     int32(binary.LittleEndian.Uint32(b[12:])),
	}
}

// request is what the serializer needs to know of an outgoing message.
type request struct {
	header
	// opaque: the message is malformed (a length below the header's), so
	// the rest of the stream cannot be split into messages and is passed
	// through as it is.
	opaque bool
	// write: the message is a command that may write, to be run under the
	// lock of key.
	write bool
	key   string
	// moreToCome: the server will not answer this message.
	moreToCome bool
}

// inspect examines the start b of an outgoing message. When b is too
// short to decide it returns need, the number of bytes of the message it
// must see (more than len(b), never more than the message's length);
// otherwise need is 0 and r describes the message. Messages other than
// OP_MSG and malformed OP_MSG messages (which the server refuses without
// running them) are not writes.
func inspect(b []byte, mode Serialization) (r request, need int) {
	if len(b) < 4 {
		return r, 4
	}
	if int32(binary.LittleEndian.Uint32(b)) < headerLen {
		r.opaque = true
		return r, 0
	}
	if len(b) < headerLen {
		return r, headerLen
	}
	r.header = parseHeader(b)
	if r.opCode != opMsg {
		return r, 0
	}
	end := int(r.length)
	if end < headerLen+4 {
		return r, 0
	}
	if len(b) < headerLen+4 {
		return r, headerLen + 4
	}
	flags := binary.LittleEndian.Uint32(b[headerLen:])
	r.moreToCome = flags&flagMoreToCome != 0
	if flags&flagChecksumPresent != 0 {
		end -= 4
	}
	// Find the body section; the driver sends it first, but sequences may
	// precede it.
	for off := headerLen + 4; off+5 <= end; {
		if len(b) < off+5 {
			return r, off + 5
		}
		size := int(int32(binary.LittleEndian.Uint32(b[off+1:])))
		if size < 5 || off+1+size > end {
			return r, 0 // malformed: the server refuses it
		}
		switch b[off] {
		case sectionBody:
			if len(b) < off+1+size {
				return r, off + 1 + size
			}
			r.write, r.key = classify(bson.Raw(b[off+1:off+1+size]), mode)
			return r, 0
		case sectionSequence:
			off += 1 + size
		default:
			return r, 0
		}
	}
	return r, 0
}

// classify tells whether the command doc may write and, if so, the key of
// the lock it must hold. A command is a write unless it is known to read
// only (see reads), so that a command this code does not know is
// serialized rather than raced. A malformed document is not a write: the
// server refuses it.
func classify(doc bson.Raw, mode Serialization) (write bool, key string) {
	first, err := doc.IndexErr(0)
	if err != nil {
		return false, ""
	}
	name := first.Key()
	if reads[name] && (name != "aggregate" || !pipelineWrites(doc)) {
		return false, ""
	}
	db, _ := doc.Lookup("$db").StringValueOK()
	coll, _ := first.Value().StringValueOK()
	if name == "renameCollection" {
		// Run on admin; its value is the source namespace "db.collection".
		db, coll, _ = cutNamespace(coll)
	}
	if mode == PerCollection && coll != "" {
		return true, db + "." + coll
	}
	return true, db
}

// pipelineWrites reports whether an aggregate command's pipeline ends in a
// stage that writes ($out, $merge).
func pipelineWrites(doc bson.Raw) bool {
	stages, ok := doc.Lookup("pipeline").ArrayOK()
	if !ok {
		return false
	}
	values, err := stages.Values()
	if err != nil {
		return false
	}
	for _, v := range values {
		stage, ok := v.DocumentOK()
		if !ok {
			continue
		}
		if op, err := stage.IndexErr(0); err == nil && (op.Key() == "$out" || op.Key() == "$merge") {
			return true
		}
	}
	return false
}

// cutNamespace splits "db.collection" at the first dot.
func cutNamespace(ns string) (db, coll string, ok bool) {
	for i := 0; i < len(ns); i++ {
		if ns[i] == '.' {
			return ns[:i], ns[i+1:], true
		}
	}
	return ns, "", false
}

// reads are the commands that never write. Everything else, including
// commands added to the driver or the server later, is serialized.
var reads = map[string]bool{
	// Queries and cursors.
	"find": true, "aggregate": true, "count": true, "distinct": true, "getMore": true,
	"killCursors": true, "explain": true,
	// Catalog.
	"listCollections": true, "listIndexes": true, "listDatabases": true,
	"dbStats": true, "collStats": true, "dataSize": true,
	// Handshake, monitoring, sessions and authentication.
	"hello": true, "isMaster": true, "ismaster": true, "ping": true, "buildInfo": true, "buildinfo": true,
	"endSessions": true, "saslStart": true, "saslContinue": true, "authenticate": true, "logout": true,
	"getParameter": true, "getCmdLineOpts": true, "connectionStatus": true, "serverStatus": true,
	"whatsmyuri": true, "hostInfo": true, "getLog": true, "listCommands": true, "currentOp": true,
}
