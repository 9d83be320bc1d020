package kycd

import (
	"context"
	"sync/atomic"
	"time"
)

// OutboxMessage is a message waiting in the durable outbox: queued in the
// transaction that decided to send it, delivered after, by whichever
// instance leases it first.
type OutboxMessage struct {
	ID        string
	AccountID string
	Purpose   Purpose
	Message   Message // sealed at rest: it holds the address and the code
	Attempts  int
	NextAt    time.Time
	CreatedAt time.Time
}

// OutboxTx is the outbox's storage.
type OutboxTx interface {
	QueueMessage(ctx context.Context, m *OutboxMessage) error
	// LeaseMessages takes up to limit messages due at now whose lease is
	// free, leasing them until the given time, so two instances never send
	// the same message at once and one that died mid-send lets go.
	LeaseMessages(ctx context.Context, now, until time.Time, limit int) ([]*OutboxMessage, error)
	// RetryMessage records a failed attempt and when to try again.
	RetryMessage(ctx context.Context, id string, attempts int, next time.Time) error
	// DeleteMessage removes a sent (or abandoned) message.
	DeleteMessage(ctx context.Context, id string) error
}

// outboxMaxAttempts bounds the retries of one message; a reset code
// expires long before the last one (OTPTTL), so there is no point going on.
const outboxMaxAttempts = 5

// outboxLease is how long an instance holds a message it is sending.
const outboxLease = 2 * time.Minute

// queueMessage puts m in the outbox inside tx; kickOutbox after the commit
// sends it right away from this process.
func (s *Service) queueMessage(ctx context.Context, tx Tx, accountID string, p Purpose, m Message) error {
	now := s.Now()
	return tx.QueueMessage(ctx, &OutboxMessage{ID: NewID(), AccountID: accountID, Purpose: p, Message: m, NextAt: now, CreatedAt: now})
}

// kickOutbox drains the outbox in the background, once at a time per
// process: the request that queued a message returns at once, so how long
// the mail server takes never shows in its answer.
func (s *Service) kickOutbox() {
	if !s.outboxBusy.CompareAndSwap(false, true) {
		s.outboxAgain.Store(true)
		return
	}
	go func() {
		defer s.outboxBusy.Store(false)
		for {
			s.outboxAgain.Store(false)
			ctx, cancel := context.WithTimeout(context.Background(), 2*outboxLease)
			if _, err := s.SendQueuedMessages(ctx); err != nil {
				s.Log.Warn("outbox", "err", err)
			}
			cancel()
			if !s.outboxAgain.Load() {
				return
			}
		}
	}()
}

// outboxState is the per-process flag behind kickOutbox.
type outboxState struct {
	outboxBusy, outboxAgain atomic.Bool
}

// SendQueuedMessages sends the messages that are due and returns how many
// it sent. A failed send is retried with growing delays; after
// outboxMaxAttempts it is dropped and logged (the person can ask again).
func (s *Service) SendQueuedMessages(ctx context.Context) (int, error) {
	sent := 0
	for {
		now := s.Now()
		ms, err := s.Store.LeaseMessages(ctx, now, now.Add(outboxLease), 20)
		if err != nil || len(ms) == 0 {
			return sent, err
		}
		for _, m := range ms {
			snd := s.Mail
			if m.Message.Channel == "sms" {
				snd = s.SMS
			}
			err := snd.Send(ctx, m.Message)
			switch {
			case err == nil:
				sent++
				err = s.Store.DeleteMessage(ctx, m.ID)
			case m.Attempts+1 >= outboxMaxAttempts:
				s.Log.Error("message dropped after retries", "channel", m.Message.Channel, "account", m.AccountID,
					"purpose", string(m.Purpose), "err", err)
				err = s.Store.DeleteMessage(ctx, m.ID)
			default:
				s.Log.Warn("message delivery failed, will retry", "channel", m.Message.Channel, "account", m.AccountID,
					"purpose", string(m.Purpose), "err", err)
				backoff := time.Duration(1<<m.Attempts) * 10 * time.Second
				err = s.Store.RetryMessage(ctx, m.ID, m.Attempts+1, s.Now().Add(backoff))
			}
			if err != nil {
				return sent, err
			}
		}
	}
}

// RunOutbox sends what is due every interval until ctx ends: messages
// queued by a process that died before sending them, and retries. Every
// instance runs it; leases keep them from sending one message twice.
func (s *Service) RunOutbox(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.SendQueuedMessages(ctx); err != nil && ctx.Err() == nil {
			s.Log.Warn("outbox", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
