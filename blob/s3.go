package blob

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/kycd/kycd"
)

// S3Config locates a bucket on an S3-compatible server.
type S3Config struct {
	// Endpoint is a URL whose scheme chooses TLS: http://127.0.0.1:9000,
	// https://s3.example.
	Endpoint  string
	AccessKey string
	SecretKey string
	Region    string // "" = us-east-1
	Bucket    string
	// Prefix is prepended to every key ("" or ending in "/").
	Prefix string
	// VirtualHost addresses the bucket as BUCKET.host instead of
	// host/BUCKET (path style, the default: it works on every server).
	VirtualHost bool
}

// ParseS3URL splits s3://BUCKET/PREFIX into bucket and prefix (with a
// trailing slash when not empty).
func ParseS3URL(s string) (bucket, prefix string, err error) {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "s3" || u.Host == "" || u.User != nil || u.RawQuery != "" {
		return "", "", fmt.Errorf("blob: %q is not of the form s3://BUCKET/PREFIX", s)
	}
	prefix = strings.Trim(u.Path, "/")
	if prefix != "" {
		if err := validKey(prefix); err != nil {
			return "", "", fmt.Errorf("blob: prefix %q: use [a-z0-9/_.-]", prefix)
		}
		prefix += "/"
	}
	return u.Host, prefix, nil
}

// S3 is a BlobStore in an S3-compatible bucket. Objects are sealed by kycd
// before they leave the process: the server only ever holds ciphertext, so
// no server-side encryption setting is needed or trusted.
type S3 struct {
	c      *minio.Client
	bucket string
	prefix string
	keys   Keys
	// singleMax is the largest sealed blob sent with one PUT; larger ones
	// go as a multipart upload in parts of this size.
	singleMax int64
}

var (
	_ kycd.BlobStore    = (*S3)(nil)
	_ kycd.StaleSweeper = (*S3)(nil)
)

// NewS3 connects to the bucket, creating it when it does not exist yet.
func NewS3(ctx context.Context, cfg S3Config, keys Keys) (*S3, error) {
	u, err := url.Parse(cfg.Endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
		return nil, fmt.Errorf("blob: S3 endpoint %q must be a URL like http://127.0.0.1:9000 or https://s3.example", cfg.Endpoint)
	}
	if cfg.AccessKey == "" || cfg.SecretKey == "" {
		return nil, errors.New("blob: S3 needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
	}
	if cfg.Prefix != "" && !strings.HasSuffix(cfg.Prefix, "/") {
		cfg.Prefix += "/"
	}
	region := cfg.Region
	if region == "" {
		region = "us-east-1"
	}
	lookup := minio.BucketLookupPath
	if cfg.VirtualHost {
		lookup = minio.BucketLookupDNS
	}
	c, err := minio.New(u.Host, &minio.Options{
		Creds:        credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure:       u.Scheme == "https",
		Region:       region,
		BucketLookup: lookup,
	})
	if err != nil {
		return nil, fmt.Errorf("blob: S3: %w", err)
	}
	s := &S3{c: c, bucket: cfg.Bucket, prefix: cfg.Prefix, keys: keys, singleMax: 8 << 20}
	ok, err := c.BucketExists(ctx, cfg.Bucket)
	if err != nil {
		return nil, fmt.Errorf("blob: S3 bucket %s at %s: %w", cfg.Bucket, u.Host, err)
	}
	if !ok {
		if err := c.MakeBucket(ctx, cfg.Bucket, minio.MakeBucketOptions{Region: region}); err != nil {
			// Another instance may have created it meanwhile.
			if ok, err2 := c.BucketExists(ctx, cfg.Bucket); err2 != nil || !ok {
				return nil, fmt.Errorf("blob: create S3 bucket %s: %w", cfg.Bucket, err)
			}
		}
	}
	return s, nil
}

func (s *S3) object(key string) (string, error) {
	if err := validKey(key); err != nil {
		return "", err
	}
	return s.prefix + key, nil
}

// Put implements kycd.BlobStore. The object appears whole or not at all:
// a blob up to singleMax is one PUT, a larger one a multipart upload that
// is only completed after its last part (one that a crash leaves
// incomplete is removed by SweepStale). The transfer ignores ctx's end, so
// the bytes a client sent before it went away are still stored, as the
// interface promises.
func (s *S3) Put(ctx context.Context, key string, r io.Reader) (int64, error) {
	obj, err := s.object(key)
	if err != nil {
		return 0, err
	}
	ctx = context.WithoutCancel(ctx)
	pr, pw := io.Pipe()
	type sealed struct {
		n       int64
		readErr error
	}
	done := make(chan sealed, 1)
	go func() {
		n, readErr, err := writeSealed(s.keys, key, pw, r)
		pw.CloseWithError(err)
		done <- sealed{n, readErr}
	}()
	var head bytes.Buffer
	_, err = io.CopyN(&head, pr, s.singleMax+1)
	opts := minio.PutObjectOptions{ContentType: "application/octet-stream", DisableContentSha256: true}
	switch {
	case errors.Is(err, io.EOF):
		_, err = s.c.PutObject(ctx, s.bucket, obj, bytes.NewReader(head.Bytes()), int64(head.Len()), opts)
	case err == nil:
		opts.PartSize = uint64(s.singleMax)
		_, err = s.c.PutObject(ctx, s.bucket, obj, io.MultiReader(&head, pr), -1, opts)
	}
	pr.CloseWithError(errors.New("blob: upload ended")) // unblocks the sealer after a failure
	res := <-done
	if err != nil {
		return 0, fmt.Errorf("blob: put %s: %w", key, err)
	}
	return res.n, res.readErr
}

// Open implements kycd.BlobStore.
func (s *S3) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	obj, err := s.object(key)
	if err != nil {
		return nil, err
	}
	o, err := s.c.GetObject(ctx, s.bucket, obj, minio.GetObjectOptions{})
	if err == nil {
		// GetObject is lazy; Stat sends the request and reports a
		// missing key.
		_, err = o.Stat()
	}
	if err != nil {
		if o != nil {
			o.Close()
		}
		if minio.ToErrorResponse(err).Code == minio.NoSuchKey {
			return nil, kycd.Errorf(kycd.ENOTFOUND, "blob %s", key)
		}
		return nil, fmt.Errorf("blob: open %s: %w", key, err)
	}
	return openSealed(s.keys, key, o)
}

// Delete implements kycd.BlobStore.
func (s *S3) Delete(ctx context.Context, key string) error {
	obj, err := s.object(key)
	if err != nil {
		return err
	}
	err = s.c.RemoveObject(ctx, s.bucket, obj, minio.RemoveObjectOptions{})
	if err != nil && minio.ToErrorResponse(err).Code != minio.NoSuchKey {
		return fmt.Errorf("blob: delete %s: %w", key, err)
	}
	return nil
}

// List implements kycd.BlobStore.
func (s *S3) List(ctx context.Context, prefix string, fn func(kycd.BlobInfo) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the listing goroutine when fn returns early
	for o := range s.c.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: s.prefix + prefix, Recursive: true}) {
		if o.Err != nil {
			return fmt.Errorf("blob: list %q: %w", prefix, o.Err)
		}
		if err := fn(kycd.BlobInfo{Key: strings.TrimPrefix(o.Key, s.prefix), Size: o.Size, Modified: o.LastModified}); err != nil {
			return err
		}
	}
	return nil
}

// SweepStale implements kycd.StaleSweeper: it aborts multipart uploads
// under the prefix begun before before, the leftovers of an instance that
// died mid-Put, which hold storage without being objects.
func (s *S3) SweepStale(ctx context.Context, before time.Time) (int, error) {
	n := 0
	for u := range s.c.ListIncompleteUploads(ctx, s.bucket, s.prefix, true) {
		if u.Err != nil {
			return n, fmt.Errorf("blob: list incomplete uploads: %w", u.Err)
		}
		if u.Initiated.Before(before) {
			if err := s.c.RemoveIncompleteUpload(ctx, s.bucket, u.Key); err != nil {
				return n, fmt.Errorf("blob: abort upload %s: %w", u.Key, err)
			}
			n++
		}
	}
	return n, nil
}
