package staff

import "github.com/distribu/distribu/internal/httpx"

func statusOf(err error) int { return httpx.Status(err) }
