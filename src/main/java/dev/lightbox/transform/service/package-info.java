@NullMarked
package dev.lightbox.transform.service;

import org.jspecify.annotations.NullMarked;
