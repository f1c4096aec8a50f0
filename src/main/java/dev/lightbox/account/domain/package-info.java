@NullMarked
package dev.lightbox.account.domain;

import org.jspecify.annotations.NullMarked;
