package classify

import (
	"net/url"
	"strings"
)

// DocumentGroup is the Example.Group of a record from source: the
// document, an http(s) URL without its query and fragment (so the chunks
// and anchors of one page are one group), or source itself when it is not
// a URL.
func DocumentGroup(source string) string {
	u, err := url.Parse(source)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return source
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host) + u.EscapedPath()
}

// SiteGroup is the Example.Group of a record from source when the
// records of one site are correlated: the scheme and host of an http(s)
// URL, or source itself when it is not a URL.
func SiteGroup(source string) string {
	u, err := url.Parse(source)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return source
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
}
