package seal

import (
	"bytes"
	"path/filepath"
	"testing"
)

func TestRotation(t *testing.T) {
	ka, kb, ik := randomB64(32), randomB64(32), randomB64(32)
	old, err := Parse("a:"+ka, ik)
	if err != nil {
		t.Fatal(err)
	}
	ct, err := old.Seal([]byte("张三"), []byte("acct1|name"))
	if err != nil {
		t.Fatal(err)
	}
	rotated, err := Parse("b:"+kb+",a:"+ka, ik)
	if err != nil {
		t.Fatal(err)
	}
	if pt, err := rotated.Open(ct, []byte("acct1|name")); err != nil || string(pt) != "张三" {
		t.Fatalf("rotated ring could not open an old value: %q, %v", pt, err)
	}
	ct2, _ := rotated.Seal([]byte("x"), nil)
	if id, _ := KeyID(ct2); id != "b" {
		t.Errorf("KeyID=%q, want b", id)
	}
	if !bytes.Equal(old.BlindIndex("email", "a@b.cn"), rotated.BlindIndex("email", "a@b.cn")) {
		t.Error("blind index changed with the data key")
	}
	if bytes.Equal(old.BlindIndex("email", "x"), old.BlindIndex("phone", "x")) {
		t.Error("blind index ignores the domain")
	}
}

func TestLoadOrCreate(t *testing.T) {
	p := filepath.Join(t.TempDir(), "keys.json")
	k1, err := LoadOrCreate(p)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := LoadOrCreate(p)
	if err != nil {
		t.Fatal(err)
	}
	ct, _ := k1.Seal([]byte("v"), nil)
	if _, err := k2.Open(ct, nil); err != nil {
		t.Errorf("reloaded key file cannot open: %v", err)
	}
}

func TestSealOpen(t *testing.T) {
	k, err := Parse("a:"+randomB64(32)+",b:"+randomB64(32), randomB64(32))
	if err != nil {
		t.Fatal(err)
	}
	ct, err := k.Seal([]byte("110105194912310021"), []byte("row1"))
	if err != nil {
		t.Fatal(err)
	}
	if id, _ := KeyID(ct); id != "a" {
		t.Errorf("KeyID=%q, want a", id)
	}
	if bytes.Contains(ct, []byte("1101051949")) {
		t.Error("ciphertext contains the plaintext")
	}
	pt, err := k.Open(ct, []byte("row1"))
	if err != nil || string(pt) != "110105194912310021" {
		t.Fatalf("Open=%q, %v", pt, err)
	}
	if _, err := k.Open(ct, []byte("row2")); err == nil {
		t.Error("a value moved to another row opened")
	}
	ct[len(ct)-1] ^= 1
	if _, err := k.Open(ct, []byte("row1")); err == nil {
		t.Error("a tampered value opened")
	}
	if _, err := k.Open([]byte{1, 5, 'x'}, nil); err == nil {
		t.Error("a truncated value opened")
	}
}
